import jsQR from 'jsqr';
import type { Pixels } from './pixels';
import { downscale, invertPixels, padWhite, upscale } from './resample-pixels';

/** Crops larger than this (longest side, px) are downscaled first: jsQR's cost grows with the area. */
const MAX_SIDE = 400;
/** Crops smaller than this are enlarged so a module spans at least a few pixels. */
const MIN_SIDE = 160;

/** The crop at a size jsQR handles well, then (if that differs) the crop as captured. */
function sizes(crop: Pixels): Pixels[] {
  const side = Math.max(crop.width, crop.height);
  if (side > MAX_SIDE) return [downscale(crop, Math.ceil(side / MAX_SIDE)), crop];
  if (side < MIN_SIDE) return [upscale(crop, Math.ceil(MIN_SIDE / side)), crop];
  return [crop];
}

function scan(image: Pixels): string | null {
  // A white quiet zone: a selection dragged tight against the code cuts off its own
  // (ISO/IEC 18004 §7.3.7 asks for 4 modules), and the decoder needs it to find the code.
  const padded = padWhite(image, Math.ceil(Math.max(image.width, image.height) * 0.08));
  return jsQR(padded.data, padded.width, padded.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/**
 * Decodes the QR code in `crop`, normalising it for speed and robustness (size, quiet zone, and
 * inverted colours for dark-mode pages, tried last); null when there is none (an expected result).
 * Inversion is done here: jsQR 1.4's 'onlyInvert' crashes, and 'attemptBoth' binarises twice up front.
 */
export function decodeQr(crop: Pixels): string | null {
  const candidates = sizes(crop);
  for (const image of candidates) {
    const found = scan(image);
    if (found !== null) return found;
  }
  for (const image of candidates) {
    const found = scan(invertPixels(image));
    if (found !== null) return found;
  }
  return null;
}
