/**
 * The typed message contract between the popup, the content script and the service worker
 * (what the worker leaves for the popup is in last-scan.ts). The content script runs inside
 * untrusted pages: it sends a rectangle and hears only which of four toasts to show (done, held,
 * no code, failed) — never a secret, a code or an account name (SECURITY #24).
 */

/** A rectangle: in CSS pixels of the page's viewport (a selection) or in pixels of a captured image. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Popup → worker: start a drag-select scan in the active tab. */
export interface ScanStartMessage {
  readonly type: 'scan-start';
}

/** Why a scan could not start: a page Chrome protects, no tab, or anything else. */
export type ScanStartRefusal = 'forbidden' | 'no-tab' | 'failed';

/** Worker → popup: whether the overlay is up (the popup then closes so the page can be dragged). */
export type ScanStartReply =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: ScanStartRefusal };

/** Content → worker: the user dragged a rectangle (CSS pixels of the viewport) or chose the whole page. */
export interface ScanSelectionMessage {
  readonly type: 'scan-selection';
  /** null: scan the whole visible page (Enter in the overlay). */
  readonly rect: Rect | null;
  /** window.innerWidth when the selection was made, to scale CSS pixels to captured pixels. */
  readonly viewportWidth: number;
  /**
   * True: the page embeds a frame (content/page-shows-frames.ts); what the capture shows may be
   * another site's, so the page's site is not recorded for a code found there. Only ever takes
   * something away: a forged true costs the page its own site.
   */
  readonly framed?: boolean;
}

/**
 * What the page's toast says after a scan: the account(s) are there ('done': added, or already
 * stored), they wait for the vault's unlock ('held'), neither the selection nor the page showed a
 * QR code ('no-code'), or anything else went wrong ('failed'; the popup says what).
 */
export type ScanPageOutcome = 'done' | 'held' | 'no-code' | 'failed';

/** Worker → content: all the page's script may ever learn. */
export interface ScanSelectionReply {
  readonly outcome: ScanPageOutcome;
}

/**
 * A code with this little time left is not filled: the next one is, the moment it starts (the
 * worker waits for it; the popup says so meanwhile).
 */
export const NEXT_CODE_BELOW_MS = 3000;

/**
 * Popup → worker: put this account's current code into the active tab's code field (issue 12).
 * The worker checks the tab's site against the account's (SECURITY #35).
 */
export interface FillCodeMessage {
  readonly type: 'fill-code';
  readonly accountId: string;
  /** The user accepted filling on a site that is not one of the account's. */
  readonly confirmed: boolean;
  /** With `confirmed`, for an account with no website yet: remember this site for it. */
  readonly rememberSite?: boolean;
  /**
   * With `confirmed`: the site the user was asked about. If the tab shows another site by now,
   * the confirmation does not count for it and the user is asked again.
   */
  readonly confirmedSite?: string;
}

/**
 * Why a fill was not done: a page Chrome protects, no tab, a locked vault, the policy requires a
 * passphrase that is not set yet, an unknown account, the tab went to a page of another site
 * before the code was ready (`moved`: nothing filled, nothing to copy for it), or anything else.
 */
export type FillRefusal =
  | 'forbidden'
  | 'no-tab'
  | 'locked'
  | 'passphrase-required'
  | 'not-found'
  | 'moved'
  | 'failed';

/** Worker → popup: what filling did. The page learns nothing of it. */
export type FillCodeReply =
  | { readonly outcome: 'filled' }
  /**
   * The page has no one field for a code (none, or `several` that could be meant): the popup
   * copies the code instead and says which.
   */
  | { readonly outcome: 'no-field'; readonly several?: boolean }
  /**
   * The tab is not one of the account's sites: ask the user first, naming both. With
   * `onlyAccountSites` (the policy fillOnlyOnAccountSites) there is nothing to ask: the popup says
   * the organisation allows filling only on the account's own sites, and offers no way on.
   */
  | {
      readonly outcome: 'confirm';
      readonly site: string;
      readonly accountSites: readonly string[];
      readonly onlyAccountSites?: true;
    }
  | { readonly outcome: 'refused'; readonly reason: FillRefusal };

/** Popup → worker: a code was copied; clear it from the clipboard later if it is still there. */
export interface ClipboardCopiedMessage {
  readonly type: 'clipboard-copied';
  /** The code's digits, exactly as written to the clipboard. */
  readonly text: string;
  /** When it was copied (ms since the epoch): a lock after that clears it at once. */
  readonly copiedAt?: number;
}

/**
 * Worker → popup: whether the code will be cleared: after `seconds`; not at all by the setting or
 * policy ('off'); or not without the optional clipboard permissions ('no-permission').
 */
export type ClipboardCopiedReply =
  | { readonly clearing: 'scheduled'; readonly seconds: number }
  | { readonly clearing: 'off' | 'no-permission' };

export type WorkerMessage =
  | ScanStartMessage
  | ScanSelectionMessage
  | FillCodeMessage
  | ClipboardCopiedMessage;

/** The reply to each message, by its type. */
export interface WorkerReplies {
  readonly 'scan-start': ScanStartReply;
  readonly 'scan-selection': ScanSelectionReply;
  readonly 'fill-code': FillCodeReply;
  readonly 'clipboard-copied': ClipboardCopiedReply;
}

export type ReplyTo<M extends WorkerMessage> = WorkerReplies[M['type']];

const REFUSALS: readonly unknown[] = ['forbidden', 'no-tab', 'failed'] satisfies ScanStartRefusal[];

const PAGE_OUTCOMES: readonly unknown[] = ['done', 'held', 'no-code', 'failed'] satisfies ScanPageOutcome[];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const FILL_REFUSALS: readonly unknown[] = [
  'forbidden',
  'no-tab',
  'locked',
  'passphrase-required',
  'not-found',
  'moved',
  'failed',
] satisfies FillRefusal[];

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (!isObject(value)) return false;
  if (value.type === 'fill-code')
    return typeof value.accountId === 'string' && typeof value.confirmed === 'boolean';
  if (value.type === 'clipboard-copied')
    return (
      typeof value.text === 'string' && (value.copiedAt === undefined || Number.isFinite(value.copiedAt))
    );
  return value.type === 'scan-start' || value.type === 'scan-selection';
}

/** Checks a reply as it arrives: whatever answered, the caller gets the contract or nothing. */
export const isReply: { readonly [T in keyof WorkerReplies]: (value: unknown) => value is WorkerReplies[T] } =
  {
    'scan-start': (value): value is ScanStartReply =>
      isObject(value) && (value.ok === true || (value.ok === false && REFUSALS.includes(value.reason))),
    'scan-selection': (value): value is ScanSelectionReply =>
      isObject(value) && PAGE_OUTCOMES.includes(value.outcome),
    'fill-code': (value): value is FillCodeReply =>
      isObject(value) &&
      (value.outcome === 'filled' ||
        value.outcome === 'no-field' ||
        (value.outcome === 'confirm' &&
          typeof value.site === 'string' &&
          Array.isArray(value.accountSites) &&
          value.accountSites.every((site) => typeof site === 'string') &&
          (value.onlyAccountSites === undefined || value.onlyAccountSites === true)) ||
        (value.outcome === 'refused' && FILL_REFUSALS.includes(value.reason))),
    'clipboard-copied': (value): value is ClipboardCopiedReply =>
      isObject(value) &&
      (value.clearing === 'off' ||
        value.clearing === 'no-permission' ||
        (value.clearing === 'scheduled' && typeof value.seconds === 'number')),
  };
