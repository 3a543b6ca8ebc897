import { OVERLAY_CSS } from './overlay-styles';

/** A short, page-independent message after the scan; gone after a few seconds. */
export function showToast(text: string, failed: boolean): void {
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = OVERLAY_CSS;
  const toast = document.createElement('div');
  toast.className = failed ? 'toast failed' : 'toast';
  toast.setAttribute('role', 'status');
  toast.textContent = text;
  root.append(style, toast);
  document.documentElement.append(host);
  setTimeout(() => host.remove(), 4000);
}
