import type { Rect } from '../messages';

/** RGBA pixels, as ImageData holds them; a plain shape so capture code runs in Node tests too. */
export interface Pixels {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** The visible part of a tab as captured, in device pixels: what the scan crops and decodes. */
export interface Capture {
  readonly width: number;
  readonly height: number;
  /** RGBA pixels of a region (the whole capture when omitted). */
  pixels(region?: Rect): Pixels;
}
