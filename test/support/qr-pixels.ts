import QRCode from 'qrcode';
import type { Pixels } from '../../extension/capture/pixels';

export interface QrRenderOptions {
  readonly moduleSize?: number;
  /** Quiet zone in modules. */
  readonly margin?: number;
  readonly version?: number;
  readonly errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  /** Light modules dark and dark modules light (a dark-mode page). */
  readonly inverted?: boolean;
}

/** RGBA pixels of a QR code built with `qrcode`, as a screenshot would hold them. */
export function qrPixels(text: string, options: QrRenderOptions = {}): Pixels {
  const { moduleSize = 4, margin = 4, inverted = false } = options;
  const qr = QRCode.create(text, {
    errorCorrectionLevel: options.errorCorrectionLevel ?? 'M',
    ...(options.version ? { version: options.version } : {}),
  });
  const n = qr.modules.size;
  const side = (n + 2 * margin) * moduleSize;
  const data = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / moduleSize) - margin;
      const my = Math.floor(y / moduleSize) - margin;
      const dark = mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx) === 1;
      const v = dark !== inverted ? 0 : 255;
      const i = (y * side + x) * 4;
      data[i] = v;
      data[i + 1] = v;
      data[i + 2] = v;
      data[i + 3] = 255;
    }
  }
  return { data, width: side, height: side };
}

/** Places `inner` on a larger canvas of `background` grey at (x, y). */
export function placeOn(
  inner: Pixels,
  width: number,
  height: number,
  x: number,
  y: number,
  background = 240,
): Pixels {
  const data = new Uint8ClampedArray(width * height * 4).fill(background);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  for (let row = 0; row < inner.height; row++) {
    const from = row * inner.width * 4;
    data.set(inner.data.subarray(from, from + inner.width * 4), ((y + row) * width + x) * 4);
  }
  return { data, width, height };
}

/** Crops `source` to a rectangle inside it (the worker crops with OffscreenCanvas instead). */
export function cropPixels(source: Pixels, x: number, y: number, width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * source.width + x) * 4;
    data.set(source.data.subarray(from, from + width * 4), row * width * 4);
  }
  return { data, width, height };
}
