import type { ActivityEvent } from '../activity/activity-event';
import { recordActivity } from '../activity/record-activity';
import { type LastScan, lastScan } from '../last-scan';
import type { HeldScan } from '../lock/held-scans';
import type { AccountDraft } from '../otp/account';
import { accountTitle } from '../otp/account-title';
import { type Vault, VaultLockedError } from '../vault';
import { addScannedAccounts } from './add-scanned-accounts';

/** What a scan found to store: the accounts (with their site, if any), from which URI, and how they were found. */
export interface FoundAccounts {
  readonly uri: string;
  readonly drafts: readonly AccountDraft[];
  readonly skipped: number;
  /** Of `skipped`, how many for a name too long (ScanUnusable.skippedLongNames). */
  readonly skippedLongNames: number;
  readonly foundOutsideSelection: boolean;
}

/** The site a scan gave its accounts (withOrigin gives them all the same one), if any. */
const siteOf = (drafts: readonly AccountDraft[]) => drafts[0]?.origins?.[0];

/** Keeps a scan for the next unlock (session storage; tests pass their own). */
export type HoldScan = (scan: HeldScan) => Promise<void>;

/**
 * Adds the accounts new to the vault: 'added' with their names and ids, or 'duplicate'. How many
 * were added, and a website given to the account already there, go into the activity log
 * (`record`, for tests).
 */
export async function storeDrafts(
  vault: Vault,
  found: Omit<FoundAccounts, 'uri'> & { readonly relinkSite?: boolean },
  record: (event: ActivityEvent) => Promise<void> = recordActivity,
): Promise<LastScan> {
  const { drafts, skipped, foundOutsideSelection } = found;
  const { added, duplicates, namesakes, linked } = await addScannedAccounts(
    vault,
    drafts,
    found.relinkSite === true,
  );
  if (added.length > 0) await record({ kind: 'accounts-added', via: 'scan', count: added.length });
  if (linked) await record({ kind: 'site-added', via: 'scan' });
  // Why entries of an export were left out, when some were: the popup names the reason.
  const why = skipped > 0 ? { skippedLongNames: found.skippedLongNames } : {};
  if (added.length === 0) {
    const site = siteOf(drafts);
    return lastScan({
      status: 'duplicate',
      names: duplicates.map(accountTitle),
      skipped,
      ...why,
      foundOutsideSelection,
      // The website the account already there was given now, as it had none.
      ...(site !== undefined && linked ? { linkedSite: site } : {}),
    });
  }
  const site = siteOf(drafts);
  return lastScan({
    status: 'added',
    names: added.map(accountTitle),
    ids: added.map((a) => a.id),
    skipped,
    ...why,
    foundOutsideSelection,
    ...(site === undefined ? {} : { site }),
    ...(added.length === 1 && namesakes === 1 ? { namesake: true } : {}),
  });
}

/** Never the error's text (it could name an account): only its kind. */
function vaultFailed(error: unknown, foundOutsideSelection: boolean): LastScan {
  console.warn(
    'authenticator: the vault failed during a scan',
    error instanceof Error ? error.name : 'unknown',
  );
  return lastScan({ status: 'vault-failed', foundOutsideSelection });
}

/**
 * Stores what a scan found, or, when the vault is locked (it locked while the user dragged, or a
 * keyboard-started scan finished after the lock), holds it for the next unlock: nothing read is
 * lost. Any other vault failure is 'vault-failed', never a capture failure.
 */
export async function storeOrHold(
  found: FoundAccounts,
  vault: Vault | PromiseLike<Vault>,
  hold: HoldScan,
): Promise<LastScan> {
  const { foundOutsideSelection } = found;
  let opened: Vault;
  try {
    opened = await vault;
  } catch (error) {
    if (!(error instanceof VaultLockedError)) return vaultFailed(error, foundOutsideSelection);
    const origin = siteOf(found.drafts);
    await hold({
      uri: found.uri,
      ...(origin === undefined ? {} : { origin }),
      foundOutsideSelection,
      at: Date.now(),
    });
    return lastScan({ status: 'held', count: found.drafts.length, foundOutsideSelection });
  }
  try {
    // A single account's own QR code may give its site to the account already there (not an export).
    const relinkSite = /^otpauth:/i.test(found.uri);
    return await storeDrafts(opened, { ...found, relinkSite });
  } catch (error) {
    return vaultFailed(error, foundOutsideSelection);
  }
}
