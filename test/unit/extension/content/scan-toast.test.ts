import { describe, expect, test } from 'vitest';
import { SCAN_TOASTS, scanToast } from '../../../../extension/content/scan-toast';
import { getMessageFrom, LOCALES } from '../popup/chrome-i18n';

describe('the toast on the scanned page', () => {
  test('tells apart: read and stored, read but held until the unlock, no QR code, failed', () => {
    const nl = getMessageFrom(LOCALES.nl);
    const text = (outcome: Parameters<typeof scanToast>[0]) => nl(scanToast(outcome).key);
    expect(text('done')).toBe(
      'QR-code gelezen. Gaat het Authenticator-venster niet vanzelf open? Klik dan rechtsboven op het Authenticator-pictogram (of eerst op het puzzelstukje).',
    );
    expect(text('held')).toBe(
      'QR-code gelezen. Klik rechtsboven op het Authenticator-pictogram (of eerst op het puzzelstukje) en voer de wachtwoordzin in om het account op te slaan.',
    );
    expect(text('no-code')).toMatch(/^Geen QR-code gevonden\./);
    expect(text('failed')).toBe(
      'Scannen is niet gelukt. Klik rechtsboven op het Authenticator-pictogram (of eerst op het puzzelstukje) om te zien waarom.',
    );
    // The worker did not answer: a failure, said as one.
    expect(scanToast(undefined)).toEqual({ key: 'overlayFailed', failed: true });
    expect([scanToast('done').failed, scanToast('held').failed, scanToast('no-code').failed]).toEqual([
      false,
      false,
      true,
    ]);
  });

  test('every toast has its message in both languages, and the four differ', () => {
    const keys = Object.values(SCAN_TOASTS).map((toast) => toast.key);
    expect(new Set(keys).size).toBe(4);
    for (const locale of ['nl', 'en'] as const)
      for (const key of keys) expect(getMessageFrom(LOCALES[locale])(key), `${locale} ${key}`).not.toBe('');
  });
});
