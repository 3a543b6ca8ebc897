import type { Rect } from '../messages';
import { decodeQr } from './decode-qr';
import type { Capture, ScalableImage } from './pixels';
import { scaleSelection } from './scale-selection';

export interface FoundQr {
  readonly text: string;
  /** Not in the selection: the one code found elsewhere on the visible page. */
  readonly outside: boolean;
}

/** A region of the capture, read at the size the decoder asks for. */
function part(capture: Capture, region: Rect): ScalableImage {
  return { width: region.width, height: region.height, pixels: (factor) => capture.pixels(region, factor) };
}

/**
 * Finds the QR code the user meant: in the selection (CSS pixels of a viewport `viewportWidth`
 * wide), else anywhere on the captured page (then it says so); the whole page when `rect` is
 * null. Null when there is none.
 */
export function findQrText(capture: Capture, rect: Rect | null, viewportWidth: number): FoundQr | null {
  const region = rect ? scaleSelection(rect, viewportWidth, capture) : null;
  if (region) {
    const text = decodeQr(part(capture, region));
    if (text !== null) return { text, outside: false };
  }
  const text = decodeQr(part(capture, { x: 0, y: 0, width: capture.width, height: capture.height }));
  return text === null ? null : { text, outside: region !== null };
}
