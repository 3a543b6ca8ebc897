import { describe, expect, test } from 'vitest';
import { scanPageOutcome } from '../../../../extension/background/scan-page-outcome';
import { type LastScanFields, lastScan } from '../../../../extension/last-scan';

const found = { foundOutsideSelection: false } as const;
const stored = { ...found, names: ['Demo Portaal: demo'], skipped: 0 } as const;

describe('what the scanned page hears (SECURITY #24): which toast, nothing more', () => {
  test.each<[LastScanFields, string]>([
    [{ status: 'added', ids: ['1'], ...stored, site: 'https://portaal.example.nl' }, 'done'],
    [{ status: 'duplicate', ...stored }, 'done'],
    // Read while locked: nothing is stored before the unlock, so not "done".
    [{ status: 'held', count: 1, ...found }, 'held'],
    [{ status: 'no-qr' }, 'no-code'],
    // Found a QR code, but could not use it or store it: the popup says why.
    [{ status: 'capture-failed' }, 'failed'],
    [{ status: 'vault-failed', ...found }, 'failed'],
    [{ status: 'not-otp', content: { kind: 'url', host: 'example.com' }, ...found }, 'failed'],
    [{ status: 'invalid', error: 'missing-secret', ...found }, 'failed'],
    [{ status: 'unusable', skipped: 2, ...found }, 'failed'],
    [{ status: 'not-started', reason: 'forbidden' }, 'failed'],
  ])('[%#] %o → %s', (fields, expected) => {
    // A word of four, whatever the scan held: no name, host or site can ride along.
    expect(scanPageOutcome(lastScan(fields))).toBe(expected);
  });
});
