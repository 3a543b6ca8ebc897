import type { Rect } from '../messages';

/** Elements that show another document, which may be another site's (a fencedframe too). */
const FRAME_ELEMENTS = 'iframe, frame, object, embed, fencedframe';

export interface FramePage {
  readonly document: Document;
  /** How many documents the page embeds (`window.length`): also those this script cannot find. */
  readonly frameCount: number;
  readonly viewport: Rect;
  /** A shadow root, closed ones too (`chrome.dom.openOrClosedShadowRoot` in a content script). */
  readonly shadowRootOf: (element: Element) => ShadowRoot | null;
}

/**
 * Whether what the user selected (`rect`, in CSS pixels of the viewport; null: the whole visible
 * page) may show another document than the page itself: a frame lies across it, or the page embeds
 * a frame this script cannot find (where it cannot be found, it may be anywhere). The page's site
 * is then not recorded for a code found there: a page that frames another site's QR code (a
 * frameable portal's enrollment step) must not become that account's site, which would later let
 * a code fill there without the question (SECURITY #33). Erring this way costs the user one
 * question at the first fill.
 */
export function framesInSelection(rect: Rect | null, page: FramePage): boolean {
  // Not skipped when window.length is 0: a fenced frame is not counted there.
  const area = rect ?? page.viewport;
  const found: Element[] = [];
  const visit = (root: Document | ShadowRoot) => {
    found.push(...Array.from(root.querySelectorAll(FRAME_ELEMENTS)));
    for (const element of Array.from(root.querySelectorAll('*'))) {
      const shadow = page.shadowRootOf(element);
      if (shadow !== null) visit(shadow);
    }
  };
  visit(page.document);
  if (found.length < page.frameCount) return true;
  return found.some((element) => overlaps(element.getBoundingClientRect(), area));
}

function overlaps(box: DOMRect, area: Rect): boolean {
  return (
    box.width > 0 &&
    box.height > 0 &&
    box.left < area.x + area.width &&
    box.right > area.x &&
    box.top < area.y + area.height &&
    box.bottom > area.y
  );
}

/** chrome.dom, typed here: this file is also compiled where chrome.* has no types (the tests). */
interface ChromeDom {
  readonly openOrClosedShadowRoot?: (element: HTMLElement) => ShadowRoot | null;
}

/** The page this content script runs in, for framesInSelection. */
export function thisPage(): FramePage {
  const dom = (globalThis as { chrome?: { dom?: ChromeDom } }).chrome?.dom;
  return {
    document,
    frameCount: window.length,
    viewport: { x: 0, y: 0, width: window.innerWidth, height: window.innerHeight },
    shadowRootOf: (element) =>
      element instanceof HTMLElement ? (dom?.openOrClosedShadowRoot?.(element) ?? element.shadowRoot) : null,
  };
}
