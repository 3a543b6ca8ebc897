import type { Pixels } from './pixels';

/** Averages `factor`×`factor` blocks: large crops decode faster and more reliably at ~2-4 px per module. */
export function downscale(source: Pixels, factor: number): Pixels {
  const width = Math.floor(source.width / factor);
  const height = Math.floor(source.height / factor);
  const data = new Uint8ClampedArray(width * height * 4);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < factor; dy++) {
        let i = ((y * factor + dy) * source.width + x * factor) * 4;
        for (let dx = 0; dx < factor; dx++, i += 4) {
          r += source.data[i] ?? 0;
          g += source.data[i + 1] ?? 0;
          b += source.data[i + 2] ?? 0;
        }
      }
      const o = (y * width + x) * 4;
      data[o] = r / area;
      data[o + 1] = g / area;
      data[o + 2] = b / area;
      data[o + 3] = 255;
    }
  }
  return { data, width, height };
}

/** Nearest-neighbour enlargement: tiny codes (1-2 px per module) get enough pixels for the finder. */
export function upscale(source: Pixels, factor: number): Pixels {
  const width = source.width * factor;
  const height = source.height * factor;
  const data = new Uint8ClampedArray(width * height * 4);
  const data32 = new Uint32Array(data.buffer);
  const src32 = new Uint32Array(source.data.buffer, source.data.byteOffset, source.width * source.height);
  for (let y = 0; y < height; y++) {
    const srcRow = Math.floor(y / factor) * source.width;
    for (let x = 0; x < width; x++) data32[y * width + x] = src32[srcRow + Math.floor(x / factor)] ?? 0;
  }
  return { data, width, height };
}

/**
 * Surrounds the image with a white border. A selection dragged tight against the code cuts off
 * its quiet zone (ISO/IEC 18004 §7.3.7 asks for 4 modules), which the decoder needs to find it.
 */
export function padWhite(source: Pixels, border: number): Pixels {
  const width = source.width + 2 * border;
  const height = source.height + 2 * border;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let row = 0; row < source.height; row++) {
    const from = row * source.width * 4;
    data.set(source.data.subarray(from, from + source.width * 4), ((row + border) * width + border) * 4);
  }
  return { data, width, height };
}

/** Light ↔ dark, for light-on-dark codes (dark-mode pages). */
export function invertPixels(source: Pixels): Pixels {
  const data = new Uint8ClampedArray(source.data.length);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = 255 - (source.data[i] ?? 0);
    data[i + 1] = 255 - (source.data[i + 1] ?? 0);
    data[i + 2] = 255 - (source.data[i + 2] ?? 0);
    data[i + 3] = 255;
  }
  return { data, width: source.width, height: source.height };
}
