import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { scanPageOutcome } from '../../../../extension/background/scan-page-outcome';
import { scanSelection } from '../../../../extension/background/scan-selection';
import { storeHeldScans } from '../../../../extension/background/store-held-scans';
import type { Capture, Pixels } from '../../../../extension/capture/pixels';
import { isLastScan, isScanSuccess } from '../../../../extension/last-scan';
import type { HeldScan } from '../../../../extension/lock/held-scans';
import { openVault, type Vault, VaultLockedError } from '../../../../extension/vault';
import { Algorithm, migrationUri, OtpType } from '../../../support/migration-uri';
import { cropPixels, placeOn, qrPixels } from '../../../support/qr-pixels';

/**
 * allowImport=false refuses a Google Authenticator export's QR code (otpauth-migration://, many
 * accounts at once), read when the scan is decided and again when a held scan is stored; a single
 * otpauth:// code (the portal's enrollment) is no import and still works.
 */

const PAGE = { width: 800, height: 600 };
const PORTAL =
  'otpauth://totp/Demo%20Portaal:demo?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Demo%20Portaal';
const secret = (seed: number) => Uint8Array.from({ length: 20 }, (_, i) => seed + i);
const EXPORT = migrationUri([
  {
    secret: secret(1),
    name: 'Demo Portaal:demo',
    issuer: 'Demo Portaal',
    algorithm: Algorithm.SHA1,
    type: OtpType.TOTP,
  },
  { secret: secret(3), name: 'Bank:bob', algorithm: Algorithm.SHA1, type: OtpType.TOTP },
]);

/** A captured page with `text` as a QR code (4 device px per module), scanned as a whole (Enter). */
function capturedPage(text: string): Capture {
  const page: Pixels = placeOn(qrPixels(text, { moduleSize: 4 }), PAGE.width, PAGE.height, 200, 100);
  return {
    width: page.width,
    height: page.height,
    pixels: (region = { x: 0, y: 0, ...PAGE }) =>
      cropPixels(page, region.x, region.y, region.width, region.height),
  };
}

/** A fake policy (chrome.storage.managed), as the worker reads it. */
function installPolicy(policy: Record<string, unknown>): void {
  (globalThis as { chrome?: unknown }).chrome = {
    storage: {
      managed: { get: async () => ({ ...policy }) },
      local: { get: async () => ({}), set: async () => undefined },
    },
  };
}

let vault: Vault;
let held: HeldScan[];
const hold = async (scan: HeldScan) => {
  held.push(scan);
};
const scan = (text: string, into: Vault | Promise<Vault> = vault) =>
  scanSelection({ capture: capturedPage(text), rect: null, viewportWidth: PAGE.width }, into, hold);
const locked = () => {
  const failed = Promise.reject(new VaultLockedError('locked'));
  failed.catch(() => undefined);
  return failed;
};

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  vault = await openVault({ dbName: 'scan-import-policy' });
  held = [];
});
afterEach(() => {
  vault.close();
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('allowImport=false', () => {
  test('an export QR code is refused with its own outcome; nothing is stored or held', async () => {
    installPolicy({ allowImport: false });
    const result = await scan(EXPORT);
    expect(result).toEqual({ status: 'import-off', foundOutsideSelection: false, at: expect.any(Number) });
    expect((await vault.list()).accounts).toEqual([]);
    expect(await scan(EXPORT, locked())).toMatchObject({ status: 'import-off' });
    expect(held).toEqual([]);
    // A stored outcome the popup accepts, a failure for the user and the page's toast alike.
    expect(isLastScan(JSON.parse(JSON.stringify(result)))).toBe(true);
    expect(isScanSuccess(result)).toBe(false);
    expect(scanPageOutcome(result)).toBe('failed');
  });

  test("a single otpauth:// code (the portal's enrollment) is still added", async () => {
    installPolicy({ allowImport: false });
    expect(await scan(PORTAL)).toMatchObject({ status: 'added', names: ['Demo Portaal: demo'] });
    expect((await vault.list()).accounts).toHaveLength(1);
  });

  test('an export held while locked, and the policy switched off before the unlock: stored nothing', async () => {
    installPolicy({ allowImport: true });
    await scan(EXPORT, locked());
    expect(held).toHaveLength(1);
    installPolicy({ allowImport: false });
    expect(await storeHeldScans(held, vault)).toMatchObject({ status: 'import-off' });
    expect((await vault.list()).accounts).toEqual([]);
  });
});

describe('allowImport=true (the default)', () => {
  test('the export adds its accounts', async () => {
    installPolicy({});
    expect(await scan(EXPORT)).toMatchObject({ status: 'added', names: ['Demo Portaal: demo', 'Bank: bob'] });
    expect((await vault.list()).accounts).toHaveLength(2);
  });
});
