import type { Rect } from '../messages';
import { adoptOverlayStyles } from './overlay-styles';
import { setShadowText } from './shadow-text';

/** What the user did in the overlay: a rectangle, the whole page (Enter), or nothing (Esc). */
export type Selection =
  | { readonly kind: 'rect'; readonly rect: Rect }
  | { readonly kind: 'page' }
  | { readonly kind: 'cancel' };

export interface SelectionOverlay {
  /**
   * What the user chose, once the screen shows what the capture must see. The overlay stays on
   * the page until `remove()`: a page that watches for it to leave learns the scan is over only
   * after the capture (issue 9, finding #9).
   */
  readonly selection: Promise<Selection>;
  /** Takes the overlay off the page (idempotent). */
  remove(): void;
}

/** Smaller drags are taken for a click, not a selection. */
const MIN_SIZE = 8;

const sameRect = (a: Rect | null, b: Rect) =>
  a !== null && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** Two frames: the overlay's last change is on screen before the capture. */
const twoFrames = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

/**
 * Dims the page and lets the user drag a rectangle (mouse, pen or touch). Everything lives in a
 * closed shadow root so page styles cannot break it, and every listener hangs on one AbortSignal
 * so nothing is left behind.
 *
 * What the capture sees: the selection itself is never drawn over (its border and the dimming lie
 * outside it), so on release nothing in the page changes, and the capture may start as soon as
 * the box around the final rectangle is on screen (at once, unless the pointer moved within the
 * last two frames). For Enter (the whole page) the dimming and the hint are hidden inside the
 * shadow root, where the page cannot see it, and the selection resolves two frames later.
 */
export function showSelectionOverlay(hint: string, title: string): SelectionOverlay {
  const input = new AbortController();
  const { signal } = input;
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'closed' });
  adoptOverlayStyles(root);
  const layer = document.createElement('div');
  layer.className = 'layer';
  layer.tabIndex = -1;
  // What a screen reader says as the focus lands here: "QR-code scannen, dialog", then the hint,
  // which names the keyboard's way (Enter, the whole page). As a status that arrives with its
  // text, the hint was said by none (found by an accessibility review).
  layer.setAttribute('role', 'dialog');
  layer.setAttribute('aria-modal', 'true');
  layer.setAttribute('aria-label', title);
  layer.setAttribute('aria-describedby', 'overlay-hint');
  const box = document.createElement('div');
  box.className = 'box';
  const hintBox = document.createElement('div');
  hintBox.className = 'hint';
  hintBox.id = 'overlay-hint';
  // Not textContent: a page could find that with window.find().
  setShadowText(hintBox, hint);
  layer.append(box, hintBox);
  root.append(layer);
  document.documentElement.append(host);
  layer.focus({ preventScroll: true });

  const remove = () => {
    input.abort();
    host.remove();
  };

  const selection = new Promise<Selection>((resolve) => {
    let start: { x: number; y: number } | null = null;
    const rectTo = (x: number, y: number): Rect => {
      const from = start ?? { x, y };
      return {
        x: Math.min(from.x, x),
        y: Math.min(from.y, y),
        width: Math.abs(x - from.x),
        height: Math.abs(y - from.y),
      };
    };
    // The box as last drawn, and when that drawing is surely on screen (the capture must not get
    // an older frame, whose box could lie across the selection).
    let drawn: Rect | null = null;
    let onScreen = Promise.resolve();
    const drawBox = (r: Rect) => {
      Object.assign(box.style, {
        display: 'block',
        left: `${r.x}px`,
        top: `${r.y}px`,
        width: `${r.width}px`,
        height: `${r.height}px`,
      });
      drawn = r;
      onScreen = twoFrames();
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
        if (start) drawBox(rectTo(event.clientX, event.clientY));
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
        input.abort();
        // Usually the last move drew this very box long ago and the capture may start at once;
        // after a quick flick, the two frames it takes to show it.
        if (!sameRect(drawn, rect)) drawBox(rect);
        void onScreen.then(() => resolve({ kind: 'rect', rect }));
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
        if (event.key === 'Escape') {
          remove();
          resolve({ kind: 'cancel' });
        } else if (event.key === 'Enter') {
          input.abort();
          layer.classList.add('page');
          void twoFrames().then(() => resolve({ kind: 'page' }));
        } else return;
        event.preventDefault();
        event.stopImmediatePropagation();
      },
      { signal, capture: true },
    );
    // Leaving the page (navigation, tab hidden) cancels: a stale overlay must not linger.
    window.addEventListener(
      'pagehide',
      () => {
        remove();
        resolve({ kind: 'cancel' });
      },
      { signal },
    );
  });
  return { selection, remove };
}
