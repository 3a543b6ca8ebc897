import type { Rect } from './messages';

/**
 * The contract of the small functions the worker runs inside a page (issue 12): to fill a code
 * into the page's field, and to find a right-clicked image. They are injected on demand into the
 * page's isolated world (extension/content/page-helpers-script.ts, with activeTab), called with
 * executeScript, and answer with plain data. The fill function is the one place a code enters a
 * page, only the code of the account the user chose, on the user's action (SECURITY #35).
 */

/** The isolated world's global under which the injected script leaves the helpers. */
export const PAGE_HELPERS_KEY = 'authenticator.page-helpers';

/** What filling did: all the worker learns back. */
export type FillOutcome =
  | { readonly filled: true; readonly fields: number }
  /**
   * No field, or more than one that could be meant: the code is copied instead. `elsewhere`: the
   * tab no longer shows the site the fill was decided for (it navigated meanwhile): nothing filled.
   */
  | { readonly filled: false; readonly reason: 'no-field' | 'ambiguous' | 'elsewhere' };

/** Where a right-clicked image is on screen, in CSS pixels, as the scan needs it. */
export interface ImageBox {
  readonly rect: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** window.innerWidth, to scale CSS pixels to the captured image's pixels. */
  readonly viewportWidth: number;
  /** The page embeds a frame (content/page-shows-frames.ts): no site recorded. */
  readonly framed: boolean;
  /**
   * The image's pixels came from another origin than the page's, whatever its address said (a
   * redirect, a service worker's answer): no site recorded.
   */
  readonly foreign: boolean;
}

export interface PageHelpers {
  /** Fills only while the page is of `origin`, the site the worker decided the fill for. */
  fillOneTimeCode(code: string, origin: string): FillOutcome;
  locateImage(srcUrl: string): Promise<ImageBox | null>;
  /**
   * Whether a code read in `area` (null: the viewport) may be another site's: the page embeds a
   * frame, or shows another origin's pixels there (asked again after a scan's capture).
   */
  showsForeign(area: Rect | null): boolean;
}
