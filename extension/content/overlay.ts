/**
 * Injected on demand into the page the user wants to scan (never declared in the manifest).
 * It shows the drag-select overlay, sends the rectangle to the worker and hears only
 * done/failed back: the page never sees a secret, a code or an account (SECURITY #24).
 */
import type { ScanSelectionMessage, ScanSelectionReply } from '../messages';
import { selectRectangle } from './select-rectangle';
import { showToast } from './show-toast';

const RUNNING = Symbol.for('authenticator.overlay');
const scope = globalThis as { [RUNNING]?: boolean };

/** Two frames, so the removed overlay is really gone from the screen before the capture. */
const twoFrames = () =>
  new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

async function run(): Promise<void> {
  const t = (key: string) => chrome.i18n.getMessage(key);
  const selection = await selectRectangle(t('overlayHint'));
  if (selection.kind === 'cancel') return;
  await twoFrames();
  const message: ScanSelectionMessage = {
    type: 'scan-selection',
    rect: selection.kind === 'rect' ? selection.rect : null,
    viewportWidth: window.innerWidth,
  };
  const reply = (await chrome.runtime.sendMessage(message)) as ScanSelectionReply | undefined;
  const done = reply?.outcome === 'done';
  showToast(t(done ? 'overlayDone' : 'overlayFailed'), !done);
}

// Injected again while open (a second click on scan): keep the one overlay.
if (!scope[RUNNING]) {
  scope[RUNNING] = true;
  run()
    .catch(() => showToast(chrome.i18n.getMessage('overlayFailed'), true))
    .finally(() => {
      scope[RUNNING] = false;
    });
}
