import type { ScanPageOutcome } from '../messages';

/**
 * The toast for each outcome the worker tells the page: a message key (the content script has
 * no typed catalogue; a unit test checks the keys exist) and whether it reports a failure.
 */
export const SCAN_TOASTS: {
  readonly [O in ScanPageOutcome]: { readonly key: string; readonly failed: boolean };
} = {
  done: { key: 'overlayDone', failed: false },
  held: { key: 'overlayHeld', failed: false },
  'no-code': { key: 'overlayNoCode', failed: true },
  failed: { key: 'overlayFailed', failed: true },
};

/** The toast for a reply; no reply (the worker did not answer) is a failure. */
export function scanToast(outcome: ScanPageOutcome | undefined): {
  readonly key: string;
  readonly failed: boolean;
} {
  return SCAN_TOASTS[outcome ?? 'failed'];
}
