import { lazyComponent } from '../lazy-component';

/**
 * The popup's panels that appear only after something asynchronous (the worker's answer to a fill,
 * a scan's result, the clock check, an unlock), each fetched with import() when first shown (or
 * preloaded when the popup is idle): out of the JavaScript every opening loads (scripts/popup-chunks.ts
 * keeps them out of the `ui` file). Panels a click opens directly (the manual entry form, a row's
 * rename, delete, QR code and websites) and what the popup shows at opening stay in the first
 * files: whoever clicks and types at once (a person quick with the keyboard, a test driving the
 * popup) must find them there. One screen shown at opening is here all the same: the one a
 * requirePassphrase workstation shows before a passphrase is set, which only such workstations
 * ever show, after the popup has read its storage anyway.
 *
 * Each import is `.then((m) => m.X)`, not `(await import(…)).X`: vite wraps the latter in more code,
 * in the popup's first files.
 */
export const FillConfirm = lazyComponent(() => import('./fill-confirm').then((m) => m.FillConfirm));
export const ScanResult = lazyComponent(() => import('./scan-result').then((m) => m.ScanResult));
export const ClockDrift = lazyComponent(() => import('./clock-drift').then((m) => m.ClockDrift));
export const PassphraseShortNotice = lazyComponent(() =>
  import('./passphrase-short-notice').then((m) => m.PassphraseShortNotice),
);
/**
 * What the popup shows instead of the codes under requirePassphrase until a passphrase is set:
 * decided from storage when it opens, never after a click, and only on such a workstation.
 */
export const SetPassphraseFirst = lazyComponent(() =>
  import('./set-passphrase-first').then((m) => m.SetPassphraseFirst),
);
/**
 * What a row's "QR-code tonen" does (account-qr.tsx): the vault's passphrase, the QR code, the
 * refusals. Fetched when the QR code's warning first shows; a click made sooner waits for it.
 */
export const QrShowRequest = lazyComponent(() => import('./qr-show-request').then((m) => m.QrShowRequest));

const PANELS = [FillConfirm, ScanResult, ClockDrift, PassphraseShortNotice];

/** Fetches every panel's code; resolves when all are there (a failed one is fetched again when shown). */
export function loadPanels(): Promise<unknown> {
  return Promise.all(PANELS.map((panel) => panel.preload()));
}

/** After the codes are shown: half a second, then the next idle moment (nobody clicks sooner). */
const PRELOAD_AFTER_MS = 500;

/**
 * Fetches them all once the opening's work is done (the first rows, then every code: the popup
 * benchmark's marks), so a click shows its panel at once. A panel shown sooner fetches itself.
 */
export function preloadPanels(): () => void {
  const all = () => void loadPanels();
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(all, { timeout: 2000 });
    else all();
  }, PRELOAD_AFTER_MS);
  return () => clearTimeout(timer);
}
