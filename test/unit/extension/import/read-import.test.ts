import QRCode from 'qrcode';
import { describe, expect, test, vi } from 'vitest';
import { migrationBatches } from '../../../../extension/backup';
import { MAX_IMPORT_BYTES, readImportBytes, readImportText } from '../../../../extension/import';
import {
  ACCOUNTS,
  aegisPlain,
  authenticatorPlain,
  base32,
  errorCode,
  readPlain,
  twofasPlain,
} from './import-fixtures';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('recognising the format from the content', () => {
  test.each([
    ['authenticator', authenticatorPlain()],
    ['aegis', aegisPlain()],
    ['2fas', twofasPlain()],
    ['bitwarden', { encrypted: false, items: [] }],
  ])('%s, whatever the file is called', async (format, file) => {
    expect((await readPlain(file)).format).toBe(format);
  });

  test('unknown JSON and unknown text are an unknown format, not damage', async () => {
    expect(await errorCode(readImportText('{"hello": "world"}'))).toBe('unknown-format');
    expect(await errorCode(readImportText('Beste collega, hierbij de codes.'))).toBe('unknown-format');
    expect(await errorCode(readImportText(''))).toBe('unknown-format');
  });

  test('JSON cut off anywhere is damaged', async () => {
    const text = JSON.stringify(aegisPlain());
    for (const length of [1, 10, 100, text.length - 1]) {
      expect(await errorCode(readImportText(text.slice(0, length)))).toBe('damaged');
    }
  });

  test('more than 5 MB is refused before it is parsed; a byte-order mark is fine', async () => {
    const big = `${JSON.stringify(authenticatorPlain())}${' '.repeat(MAX_IMPORT_BYTES)}`;
    const parse = vi.spyOn(JSON, 'parse');
    expect(await errorCode(readImportText(big))).toBe('too-large');
    expect(await errorCode(readImportBytes(utf8(big), async () => null))).toBe('too-large');
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect((await readPlain(`\uFEFF${JSON.stringify(authenticatorPlain())}`)).accounts).toHaveLength(
      ACCOUNTS.length,
    );
  });

  test('a file that is not UTF-8 text nor an image is an unknown format', async () => {
    expect(
      await errorCode(readImportBytes(Uint8Array.from([0x00, 0xff, 0xfe, 0x80]), async () => null)),
    ).toBe('unknown-format');
  });
});

describe('QR image files', () => {
  test('a PNG is recognised by its bytes and handed to the decoder; its text is then read as any other', async () => {
    const [uri = ''] = migrationBatches([
      {
        type: 'totp',
        secret: ACCOUNTS[0]?.secret ?? new Uint8Array(20),
        issuer: 'Gemeente Voorbeeld',
        label: 'balie',
        name: '',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      },
    ]).uris;
    const png = await QRCode.toBuffer(uri);
    const decode = vi.fn(async () => uri);
    const reading = await readImportBytes(new Uint8Array(png), decode);
    expect(decode).toHaveBeenCalledWith(expect.any(Uint8Array), 'image/png');
    expect(reading.status === 'ready' && reading.result.accounts.map((a) => a.issuer)).toEqual([
      'Gemeente Voorbeeld',
    ]);
  });

  test('an image without a QR code says so', async () => {
    const png = await QRCode.toBuffer('x');
    expect(await errorCode(readImportBytes(new Uint8Array(png), async () => null))).toBe('no-qr-code');
  });

  test('otpauth text in a .png file is still read as text (content, not name)', async () => {
    const text = `otpauth://totp/A:b?secret=${base32(ACCOUNTS[0]?.secret ?? new Uint8Array(20))}`;
    const reading = await readImportBytes(utf8(text), async () => {
      throw new Error('not an image');
    });
    expect(reading.status).toBe('ready');
  });
});
