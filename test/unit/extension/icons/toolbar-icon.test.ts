/**
 * The toolbar icon is what the portal's manual tells staff to pin and click: "het zwart wit
 * gevlekte vierkantje", a black-and-white speckled square like a QR code. Every size the manifest
 * names, as rendered from extension/icons/icon.svg (scripts/render-icons.ts).
 */
import { readFileSync } from 'node:fs';
import { unzlibSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import manifest from '../../../../manifest.config';

interface Rgba {
  readonly width: number;
  readonly height: number;
  /** Four bytes a pixel, rows top to bottom. */
  readonly pixels: Uint8Array;
}

/** Decodes an 8-bit RGBA, non-interlaced PNG (what Chromium's screenshot writes). */
function decodePng(file: Uint8Array): Rgba {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Uint8Array[] = [];
  while (offset < file.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...file.subarray(offset + 4, offset + 8));
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const [depth, colour, , , interlace] = body.subarray(8);
      if (depth !== 8 || colour !== 6 || interlace !== 0) throw new Error('not 8-bit RGBA, non-interlaced');
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = unzlibSync(Uint8Array.from(data.flatMap((chunk) => Array.from(chunk))));
  const stride = width * 4;
  const pixels = new Uint8Array(stride * height);
  // Undo each row's filter (PNG spec, section 9: filter types 0-4).
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= 4 ? (pixels[y * stride + x - 4] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= 4 && y > 0 ? (pixels[(y - 1) * stride + x - 4] ?? 0) : 0;
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter ?? 0] ?? 0;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

const icons = Object.entries((manifest as unknown as { icons: Record<string, string> }).icons);

describe('the toolbar icon', () => {
  test('the manifest names the sizes Chrome uses', () => {
    expect(icons.map(([size]) => Number(size))).toEqual([16, 32, 48, 128]);
    expect((manifest as unknown as { action: { default_icon: unknown } }).action.default_icon).toEqual(
      Object.fromEntries(icons),
    );
  });

  test.each(icons)(
    '[%s px] is a black-and-white speckled square: grey only, both colours in quantity',
    (size, path) => {
      const { width, height, pixels } = decodePng(readFileSync(path));
      expect([width, height]).toEqual([Number(size), Number(size)]);
      let opaque = 0;
      let dark = 0;
      let light = 0;
      let coloured = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const [r = 0, g = 0, b = 0, a = 0] = pixels.subarray(i, i + 4);
        if (a < 128) continue;
        opaque++;
        if (Math.max(r, g, b) - Math.min(r, g, b) > 16) coloured++;
        if (r < 64) dark++;
        else if (r > 192) light++;
      }
      // A square: nearly all of it drawn (only the rounded corners left out).
      expect(opaque / (width * height)).toBeGreaterThan(0.9);
      expect(coloured).toBe(0);
      expect(dark / opaque).toBeGreaterThan(0.3);
      expect(light / opaque).toBeGreaterThan(0.3);
      // Speckled, not two halves: many changes between dark and light along the middle row.
      const row = Math.floor(height / 2) * width * 4;
      let changes = 0;
      for (let x = 1; x < width; x++) {
        if ((pixels[row + x * 4] ?? 0) < 128 !== (pixels[row + (x - 1) * 4] ?? 0) < 128) changes++;
      }
      expect(changes).toBeGreaterThanOrEqual(4);
    },
  );

  test('its source is drawn in black and white only', () => {
    const svg = readFileSync('extension/icons/icon.svg', 'utf8');
    const colours = new Set(Array.from(svg.matchAll(/#[0-9a-f]{3,6}\b/gi), ([c]) => c.toLowerCase()));
    expect([...colours].sort()).toEqual(['#000000', '#ffffff']);
  });
});
