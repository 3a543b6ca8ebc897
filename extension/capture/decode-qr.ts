import jsQR from 'jsqr';
import type { Pixels } from './pixels';
import { downscale, padWhite, upscale } from './resample-pixels';

/** Crops larger than this (longest side, px) are downscaled first: jsQR's cost grows with the area. */
const MAX_SIDE = 640;
/** Crops smaller than this are enlarged so a module spans at least a few pixels. */
const MIN_SIDE = 160;

/** Candidate images to try, cheapest and most likely first. */
function* variants(crop: Pixels): Generator<Pixels> {
  const side = Math.max(crop.width, crop.height);
  let base = crop;
  if (side > MAX_SIDE) base = downscale(crop, Math.ceil(side / MAX_SIDE));
  else if (side < MIN_SIDE) base = upscale(crop, Math.ceil(MIN_SIDE / side));
  const border = Math.ceil(Math.max(base.width, base.height) * 0.08);
  yield padWhite(base, border);
  if (base !== crop) yield padWhite(crop, Math.ceil(Math.max(crop.width, crop.height) * 0.08));
}

/**
 * Decodes the QR code in `crop`, normalising it for speed and robustness (scale, quiet zone, and
 * inverted colours for dark-mode pages); null when there is none (an expected result, not an error).
 */
export function decodeQr(crop: Pixels): string | null {
  const tried: Pixels[] = [];
  for (const image of variants(crop)) {
    // Dark-on-light first: binarising for both polarities at once costs twice as much.
    const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
    if (found) return found.data;
    tried.push(image);
  }
  for (const image of tried) {
    const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'onlyInvert' });
    if (found) return found.data;
  }
  return null;
}
