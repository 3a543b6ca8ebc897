/**
 * Injected on demand into the page the user wants to scan (never declared in the manifest).
 * It shows the drag-select overlay, sends the rectangle to the worker and hears back only which
 * toast to show (done, held, no code, failed): the page never sees a secret, a code or an
 * account (SECURITY #24).
 */
import type { ScanPageOutcome, ScanSelectionMessage } from '../messages';
import { sendToWorker } from '../send-to-worker';
import { pageShowsForeign, thisPage } from './page-shows-frames';
import { scanToast } from './scan-toast';
import { showSelectionOverlay } from './show-selection-overlay';
import { removeToast, showToast } from './show-toast';

const RUNNING = Symbol.for('authenticator.overlay');
const scope = globalThis as { [RUNNING]?: boolean };

async function run(): Promise<void> {
  const t = (key: string) => chrome.i18n.getMessage(key);
  // The last scan's toast may still cover part of the page: not in this scan's capture.
  removeToast();
  const overlay = showSelectionOverlay(t('overlayHint'), t('scanLabel'));
  let outcome: ScanPageOutcome | undefined;
  try {
    const selection = await overlay.selection;
    if (selection.kind === 'cancel') return;
    const message: ScanSelectionMessage = {
      type: 'scan-selection',
      rect: selection.kind === 'rect' ? selection.rect : null,
      viewportWidth: window.innerWidth,
      framed: pageShowsForeign(thisPage(), selection.kind === 'rect' ? selection.rect : null),
    };
    // The overlay stays until the worker has captured (and answered): its leaving must not be
    // the page's cue to change what is captured (SECURITY #33).
    const reply = await sendToWorker(chrome.runtime, message);
    outcome = reply?.outcome;
  } finally {
    overlay.remove();
  }
  const toast = scanToast(outcome);
  showToast(t(toast.key), toast.failed);
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
