import { describe, expect, test } from 'vitest';
import { decodeQr } from '../../../../extension/capture/decode-qr';
import { cropPixels, placeOn, qrPixels } from '../../../support/qr-pixels';

const URI =
  'otpauth://totp/Demo%20Portaal:demo?issuer=Demo%20Portaal&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30';

describe('decodeQr', () => {
  test.each([
    [1, 2, 'L'],
    [2, 3, 'M'],
    [3, 4, 'Q'],
    [4, 8, 'H'],
    [5, 12, 'M'],
  ] as const)('#%i decodes a code at %i px per module, level %s', (_i, moduleSize, level) => {
    expect(decodeQr(qrPixels(URI, { moduleSize, errorCorrectionLevel: level }))).toBe(URI);
  });

  test('decodes a selection dragged tight against the code (no quiet zone)', () => {
    const full = qrPixels(URI, { moduleSize: 4, margin: 4 });
    const tight = cropPixels(full, 16, 16, full.width - 32, full.height - 32);
    expect(decodeQr(tight)).toBe(URI);
  });

  test('decodes light-on-dark codes (dark-mode pages)', () => {
    expect(decodeQr(qrPixels(URI, { moduleSize: 4, inverted: true }))).toBe(URI);
  });

  test('decodes a code inside a larger, busy selection', () => {
    const code = qrPixels(URI, { moduleSize: 3 });
    expect(decodeQr(placeOn(code, 900, 700, 420, 150))).toBe(URI);
  });

  test('returns null when the selection holds no QR code', () => {
    const blank = placeOn(qrPixels('x', { moduleSize: 1 }), 300, 300, 0, 0);
    const noCode = cropPixels(blank, 100, 100, 150, 150);
    expect(decodeQr(noCode)).toBeNull();
  });
});
