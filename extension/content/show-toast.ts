import { adoptOverlayStyles } from './overlay-styles';
import { setShadowText } from './shadow-text';

/**
 * The toast on the page now, if any. Kept on the content script's global object, which outlives
 * one injection (each scan injects the script again into the same isolated world).
 */
const SHOWN = Symbol.for('authenticator.toast');
const scope = globalThis as { [SHOWN]?: HTMLElement };

/** Removes the toast of an earlier scan, so it can be neither captured nor mistaken for this one's. */
export function removeToast(): void {
  scope[SHOWN]?.remove();
  delete scope[SHOWN];
}

/** A short, page-independent message after the scan; gone after a few seconds or at the next scan. */
export function showToast(text: string, failed: boolean): void {
  removeToast();
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'closed' });
  adoptOverlayStyles(root);
  const toast = document.createElement('div');
  toast.className = failed ? 'toast failed' : 'toast';
  toast.setAttribute('role', 'status');
  // Not textContent: a page could find that with window.find().
  setShadowText(toast, text);
  root.append(toast);
  document.documentElement.append(host);
  scope[SHOWN] = host;
  setTimeout(() => {
    host.remove();
    if (scope[SHOWN] === host) delete scope[SHOWN];
  }, 4000);
}
