import jsQR from 'jsqr';
import type { Pixels, ScalableImage } from './pixels';
import { downscale, invertPixels, padWhite, upscale } from './resample-pixels';

/**
 * Longest sides (px) a large crop is first reduced to, coarse to fine. jsQR's cost grows with the
 * area (a 775 px crop, 150 % zoom on a 2× screen, took 30-60 ms; reduced to 258 px, 5-10 ms), and
 * a code that fills the selection, as it usually does, still has 3-5 px per module at the
 * coarsest. A code that is small within its crop fails there in a few ms and is found at a finer size.
 */
const STEPS = [300, 600];
/** Crops smaller than this are enlarged so a module spans at least a few pixels. */
const MIN_SIDE = 160;

/** The image at sizes jsQR handles well, then as captured; each made only when it is tried. */
function* sizes(image: ScalableImage): Generator<Pixels> {
  const side = Math.max(image.width, image.height);
  if (side < MIN_SIDE) yield upscale(image.pixels(1), Math.ceil(MIN_SIDE / side));
  let last = 1;
  for (const step of STEPS) {
    const factor = Math.ceil(side / step);
    if (factor > 1 && factor !== last) yield image.pixels(factor);
    last = factor;
  }
  yield image.pixels(1);
}

/** Pixels already in memory, reduced by averaging here. */
function scalable(pixels: Pixels): ScalableImage {
  return {
    width: pixels.width,
    height: pixels.height,
    pixels: (factor) => (factor === 1 ? pixels : downscale(pixels, factor)),
  };
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
 * A ScalableImage (a region of the capture) is reduced by the canvas, which is faster than here.
 * Inversion is done here: jsQR 1.4's 'onlyInvert' crashes, and 'attemptBoth' binarises twice up front.
 */
export function decodeQr(crop: Pixels | ScalableImage): string | null {
  const tried: Pixels[] = [];
  for (const image of sizes('data' in crop ? scalable(crop) : crop)) {
    const found = scan(image);
    if (found !== null) return found;
    tried.push(image);
  }
  for (const image of tried) {
    const found = scan(invertPixels(image));
    if (found !== null) return found;
  }
  return null;
}
