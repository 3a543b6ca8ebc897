import type { Rect } from '../messages';

/** RGBA pixels, as ImageData holds them; a plain shape so capture code runs in Node tests too. */
export interface Pixels {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** An image the decoder can ask for at a reduced size, so a large one is never read in full needlessly. */
export interface ScalableImage {
  readonly width: number;
  readonly height: number;
  /** RGBA pixels reduced `factor` times in each direction by averaging (1: as they are). */
  pixels(factor: number): Pixels;
}

/** The visible part of a tab as captured, in device pixels: what the scan crops and decodes. */
export interface Capture {
  readonly width: number;
  readonly height: number;
  /** RGBA pixels of `region` (the whole capture when omitted), reduced `factor` times (default 1). */
  pixels(region?: Rect, factor?: number): Pixels;
}
