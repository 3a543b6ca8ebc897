import type { Rect } from '../capture/pixels';
import { OVERLAY_CSS } from './overlay-styles';

/** What the user did in the overlay: a rectangle, the whole page (Enter), or nothing (Esc). */
export type Selection =
  | { readonly kind: 'rect'; readonly rect: Rect }
  | { readonly kind: 'page' }
  | { readonly kind: 'cancel' };

/** Smaller drags are taken for a click, not a selection. */
const MIN_SIZE = 8;

/**
 * Dims the page and lets the user drag a rectangle (mouse, pen or touch). Everything lives in a
 * closed shadow root so page styles cannot break it, and every listener hangs on one AbortSignal
 * so nothing is left behind. Resolves once; the overlay is gone by then.
 */
export function selectRectangle(hint: string): Promise<Selection> {
  return new Promise((resolve) => {
    const controller = new AbortController();
    const { signal } = controller;
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = OVERLAY_CSS;
    const layer = document.createElement('div');
    layer.className = 'layer';
    layer.tabIndex = -1;
    const box = document.createElement('div');
    box.className = 'box';
    const hintBox = document.createElement('div');
    hintBox.className = 'hint';
    hintBox.setAttribute('role', 'status');
    hintBox.textContent = hint;
    layer.append(box, hintBox);
    root.append(style, layer);
    document.documentElement.append(host);
    layer.focus({ preventScroll: true });

    let start: { x: number; y: number } | null = null;
    const finish = (selection: Selection) => {
      controller.abort();
      host.remove();
      resolve(selection);
    };
    const rectTo = (x: number, y: number): Rect => {
      const from = start ?? { x, y };
      return {
        x: Math.min(from.x, x),
        y: Math.min(from.y, y),
        width: Math.abs(x - from.x),
        height: Math.abs(y - from.y),
      };
    };

    layer.addEventListener(
      'pointerdown',
      (event) => {
        if (!event.isTrusted || event.button !== 0) return;
        start = { x: event.clientX, y: event.clientY };
        layer.setPointerCapture(event.pointerId);
        layer.classList.add('selecting');
        hintBox.hidden = true;
        event.preventDefault();
      },
      { signal },
    );
    layer.addEventListener(
      'pointermove',
      (event) => {
        if (!start) return;
        const r = rectTo(event.clientX, event.clientY);
        Object.assign(box.style, {
          display: 'block',
          left: `${r.x}px`,
          top: `${r.y}px`,
          width: `${r.width}px`,
          height: `${r.height}px`,
        });
      },
      { signal },
    );
    layer.addEventListener(
      'pointerup',
      (event) => {
        if (!start || !event.isTrusted) return;
        const rect = rectTo(event.clientX, event.clientY);
        start = null;
        if (rect.width < MIN_SIZE || rect.height < MIN_SIZE) {
          box.style.display = 'none';
          layer.classList.remove('selecting');
          hintBox.hidden = false;
          return;
        }
        finish({ kind: 'rect', rect });
      },
      { signal },
    );
    // Capture phase on window: the page's own key handlers never see Esc or Enter meant for us.
    // Only the user's own keys count: the page could dispatch an Enter (scan everything at once,
    // before the user has chosen) or an Esc of its own.
    window.addEventListener(
      'keydown',
      (event) => {
        if (!event.isTrusted) return;
        if (event.key === 'Escape') finish({ kind: 'cancel' });
        else if (event.key === 'Enter') finish({ kind: 'page' });
        else return;
        event.preventDefault();
        event.stopImmediatePropagation();
      },
      { signal, capture: true },
    );
    // Leaving the page (navigation, tab hidden) cancels: a stale overlay must not linger.
    window.addEventListener('pagehide', () => finish({ kind: 'cancel' }), { signal });
  });
}
