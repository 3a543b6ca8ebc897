import { pageShowsForeignPixels } from './page-shows-foreign-pixels';
import type { ViewportRect } from './paints-across';

/** Elements that show another document, which may be another site's (a fencedframe too). */
const FRAME_ELEMENTS = 'iframe, frame, object, embed, fencedframe';

export interface FramePage {
  readonly document: Document;
  /** How many documents the page embeds (`window.length`): also those this script cannot find. */
  readonly frameCount: number;
  /** A shadow root, closed ones too (`chrome.dom.openOrClosedShadowRoot` in a content script). */
  readonly shadowRootOf: (element: Element) => ShadowRoot | null;
}

/**
 * Whether the page embeds another document anywhere: a frame (iframe, frame, object, embed,
 * fencedframe, also in closed shadow roots), or one this script cannot find (`window.length`
 * counts it). A code scanned on such a page may be another site's, and the page's site is then not
 * recorded with it (SECURITY #33): a page that frames a frameable portal's enrollment step must not
 * become that account's website, which would later let a code fill there without the question.
 * Anywhere, not only across the selection: a page can move a frame over the selection at the
 * user's own release of the mouse, between this check and the capture; the worker asks again after
 * the capture (handle-scan-selection.ts). Erring this way costs the user one question at the first
 * fill on such a page.
 */
export function pageShowsFrames(page: FramePage): boolean {
  // Not skipped when window.length is 0: a fenced frame is not counted there.
  if (page.frameCount > 0) return true;
  const visit = (root: Document | ShadowRoot): boolean => {
    if (root.querySelector(FRAME_ELEMENTS) !== null) return true;
    for (const element of Array.from(root.querySelectorAll('*'))) {
      const shadow = page.shadowRootOf(element);
      if (shadow !== null && visit(shadow)) return true;
    }
    return false;
  };
  return visit(page.document);
}

/** chrome.dom, typed here: this file is also compiled where chrome.* has no types (the tests). */
interface ChromeDom {
  readonly openOrClosedShadowRoot?: (element: HTMLElement) => ShadowRoot | null;
}

/**
 * Whether a code read in `area` (the selection; null: the whole viewport) may be another site's:
 * the page embeds a frame anywhere, or shows an image, video or canvas of another origin's pixels
 * across the area (page-shows-foreign-pixels.ts). The page's site is then not recorded with a scanned
 * code (SECURITY #33).
 */
export function pageShowsForeign(page: FramePage, area: ViewportRect | null): boolean {
  return pageShowsFrames(page) || pageShowsForeignPixels(page.document, page.shadowRootOf, area);
}

/** The page this content script runs in, for pageShowsFrames. */
export function thisPage(): FramePage {
  const dom = (globalThis as { chrome?: { dom?: ChromeDom } }).chrome?.dom;
  return {
    document,
    frameCount: window.length,
    shadowRootOf: (element) =>
      element instanceof HTMLElement ? (dom?.openOrClosedShadowRoot?.(element) ?? element.shadowRoot) : null,
  };
}
