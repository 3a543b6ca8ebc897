import { lazyComponent } from '../lazy-component';

/**
 * The popup's panels that only a click, a scan's result or a rare state (a clock off, a passphrase
 * still to set or too short, no account yet) opens, each fetched with import() when first shown (or
 * preloaded when the popup is idle): out of the JavaScript every opening loads (scripts/popup-chunks.ts
 * keeps them out of the `ui` file).
 */
export const ManualEntryForm = lazyComponent(
  async () => (await import('./manual-entry-form')).ManualEntryForm,
);
export const FillConfirm = lazyComponent(async () => (await import('./fill-confirm')).FillConfirm);
export const AccountQr = lazyComponent(async () => (await import('./account-qr')).AccountQr);
export const SitesEditor = lazyComponent(async () => (await import('./sites-editor')).SitesEditor);
export const RenameField = lazyComponent(async () => (await import('./rename-field')).RenameField);
export const ScanResult = lazyComponent(async () => (await import('./scan-result')).ScanResult);
export const ClockDrift = lazyComponent(async () => (await import('./clock-drift')).ClockDrift);
export const SetPassphraseFirst = lazyComponent(
  async () => (await import('./set-passphrase-first')).SetPassphraseFirst,
);
export const PassphraseShortNotice = lazyComponent(
  async () => (await import('./passphrase-short-notice')).PassphraseShortNotice,
);
export const EmptyState = lazyComponent(async () => (await import('./empty-state')).EmptyState);
export const DeleteConfirm = lazyComponent(async () => (await import('./delete-confirm')).DeleteConfirm);

const PANELS = [
  ManualEntryForm,
  FillConfirm,
  AccountQr,
  SitesEditor,
  RenameField,
  DeleteConfirm,
  ScanResult,
  ClockDrift,
  SetPassphraseFirst,
  PassphraseShortNotice,
  EmptyState,
];

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
