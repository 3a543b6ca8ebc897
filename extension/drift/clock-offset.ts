import type { StorageArea } from '../lock/chrome-storage';

/**
 * The corrections the user accepted for a clock that is off, each with the site whose clock it
 * follows: milliseconds added to the computer's clock for the codes of that site's accounts only.
 * Stored in chrome.storage.local (shown in the popup while set, each undoable); never set without
 * the user's click. Bound to its site because any account's site may be asked for its clock: one
 * that sent a time ten minutes ahead must not move the portal's codes ten minutes ahead, which
 * would make a code phished now valid later.
 */
export const CLOCK_CORRECTION_KEY = 'settings.clockCorrections';
/**
 * Where a correction for every account was kept before it was bound to a site: no longer read,
 * and removed when the extension is updated (background/index.ts).
 */
export const UNBOUND_OFFSET_KEY = 'settings.clockOffsetMs';

export interface SiteCorrection {
  readonly offsetMs: number;
  /** The origin of the page that measured it (`https://portaal.example`). */
  readonly site: string;
  /**
   * Made while no account had a website (any page was asked then, as there was no better clock):
   * it moves the codes of the accounts without a website, imported or typed in, and no others.
   */
  readonly siteless?: boolean;
}

/** The corrections in force, the latest first: one per site, and one for accounts without a website. */
export type ClockCorrection = readonly SiteCorrection[];

export const NO_CORRECTION: ClockCorrection = [];

/** Corrections larger than a day are not a clock that drifted: ignored. */
const MAX_OFFSET_MS = 24 * 3_600_000;
/**
 * A correction of the accounts without a website is measured on whatever page the popup was
 * opened on: a phishing page could send a Date hours ahead, and a code typed there would be valid
 * at the real site hours later (found by an attacker review). Only a small drift is corrected
 * there, on a page whose answer the network cannot change (https, or this computer); for more, the
 * computer's clock must be set right.
 */
export const MAX_SITELESS_OFFSET_MS = 5 * 60_000;
/** More sites than any practice corrects: the oldest go. */
export const MAX_CORRECTIONS = 20;

/** The stored corrections, each checked; anything else (the old single correction too) is none. */
export function readClockCorrection(value: unknown): ClockCorrection {
  if (!Array.isArray(value)) return NO_CORRECTION;
  return value.slice(0, MAX_CORRECTIONS).flatMap((item: unknown) => {
    const { offsetMs, site, siteless } = (item ?? {}) as Partial<Record<keyof SiteCorrection, unknown>>;
    return typeof offsetMs === 'number' &&
      Math.abs(offsetMs) <= (siteless === true ? MAX_SITELESS_OFFSET_MS : MAX_OFFSET_MS) &&
      typeof site === 'string' &&
      site
      ? [siteless === true ? { offsetMs, site, siteless } : { offsetMs, site }]
      : [];
  });
}

/**
 * The correction for the codes of `account`: the one its site measured, or for an account
 * without a website the one made while no account had one; else none. An account of several
 * websites that measured different ones: on one of them (`pageSite`, where the code is shown or
 * filled) that site's, else its first website's that has one, in the account's own order.
 */
export function correctionFor(
  corrections: ClockCorrection,
  account: { readonly origins?: readonly string[] },
  pageSite?: string,
): number {
  const origins = account.origins ?? [];
  if (origins.length === 0) return corrections.find((c) => c.siteless === true)?.offsetMs ?? 0;
  const ofSite = (site: string | undefined) =>
    site !== undefined && origins.includes(site)
      ? corrections.find((c) => c.siteless !== true && c.site === site)
      : undefined;
  const found = ofSite(pageSite) ?? origins.map(ofSite).find((c) => c !== undefined);
  return found?.offsetMs ?? 0;
}

/**
 * `made` in force from now on, in place of the one it replaces: the same site's, or for a
 * correction of accounts without a website, the earlier one of those.
 */
export function withCorrection(corrections: ClockCorrection, made: SiteCorrection): ClockCorrection {
  const replaced = (c: SiteCorrection) =>
    (c.siteless === true) === (made.siteless === true) && (made.siteless === true || c.site === made.site);
  return [made, ...corrections.filter((c) => !replaced(c))].slice(0, MAX_CORRECTIONS);
}

/** The corrections stored in `local` (chrome.storage.local). */
export async function readStoredCorrection(local: Pick<StorageArea, 'get'>): Promise<ClockCorrection> {
  return readClockCorrection((await local.get(CLOCK_CORRECTION_KEY))[CLOCK_CORRECTION_KEY]);
}

/** Stores `corrections` (NO_CORRECTION: none). */
export function writeStoredCorrection(
  local: Pick<StorageArea, 'set'>,
  corrections: ClockCorrection,
): Promise<void> {
  return local.set({ [CLOCK_CORRECTION_KEY]: corrections });
}

/**
 * Whether the page of `site` may correct the codes of the accounts without a website by
 * `offsetMs`: a small drift, measured over https or on this computer (MAX_SITELESS_OFFSET_MS).
 */
export function sitelessCorrectionAllowed(site: string, offsetMs: number): boolean {
  const { protocol, hostname } = new URL(site);
  const local = hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  return Math.abs(offsetMs) <= MAX_SITELESS_OFFSET_MS && (protocol === 'https:' || local);
}
