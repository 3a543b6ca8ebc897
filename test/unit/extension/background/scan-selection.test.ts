import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { scanSelection } from '../../../../extension/background/scan-selection';
import { storeHeldScans } from '../../../../extension/background/store-held-scans';
import type { Capture, Pixels } from '../../../../extension/capture/pixels';
import { downscale } from '../../../../extension/capture/resample-pixels';
import { type HeldScan, readHeldScans } from '../../../../extension/lock/held-scans';
import type { Rect } from '../../../../extension/messages';
import { decodeBase32Secret } from '../../../../extension/otp/decode-base32-secret';
import {
  openVault,
  type Vault,
  VaultIntegrityError,
  VaultLockedError,
  VaultVersionError,
} from '../../../../extension/vault';
import { Algorithm, migrationUri, OtpType } from '../../../support/migration-uri';
import { cropPixels, placeOn, qrPixels } from '../../../support/qr-pixels';

/** A 2× screen: the page is 600 CSS px wide, its capture 1200 device px. */
const SCALE = 2;
const PAGE = { width: 1200, height: 900 };
const QR_AT = { x: 600, y: 200 };
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PORTAL = `otpauth://totp/Demo%20Portaal:demo?secret=${SECRET}&issuer=Demo%20Portaal`;

let vault: Vault;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  vault = await openVault({ dbName: 'scan-selection-test' });
});
afterEach(() => vault.close());

/** A captured page with `text` as a QR code (4 device px per module) at QR_AT, or no code. */
function capturedPage(text: string | null): Capture & { readonly qr: Rect } {
  const qr = text === null ? null : qrPixels(text, { moduleSize: 4 });
  const page: Pixels = qr
    ? placeOn(qr, PAGE.width, PAGE.height, QR_AT.x, QR_AT.y)
    : { data: new Uint8ClampedArray(PAGE.width * PAGE.height * 4).fill(240), ...PAGE };
  return {
    width: page.width,
    height: page.height,
    pixels: (region = { x: 0, y: 0, ...PAGE }, factor = 1) => {
      const crop = cropPixels(page, region.x, region.y, region.width, region.height);
      return factor === 1 ? crop : downscale(crop, factor);
    },
    // Where the code is, in CSS pixels, with a 10 px margin as a user drags it.
    qr: {
      x: QR_AT.x / SCALE - 10,
      y: QR_AT.y / SCALE - 10,
      width: (qr?.width ?? 0) / SCALE + 20,
      height: (qr?.height ?? 0) / SCALE + 20,
    },
  };
}

/** What the scan held for the next unlock (a locked vault). */
let held: HeldScan[];
beforeEach(() => {
  held = [];
});

const hold = async (scan: HeldScan) => {
  held.push(scan);
};
const scan = (capture: Capture, rect: Rect | null, into: Vault | Promise<Vault> = vault) =>
  scanSelection({ capture, rect, viewportWidth: PAGE.width / SCALE }, into, hold);

/** The outcome of adding the portal's account as `ids`. */
const portalAdded = (ids: string[]) => ({
  status: 'added',
  names: ['Demo Portaal: demo'],
  ids,
  skipped: 0,
  foundOutsideSelection: false,
  at: expect.any(Number),
});

/** A vault that refuses to open with `error`. */
const refusing = (error: Error) => {
  const failed = Promise.reject(error);
  failed.catch(() => undefined);
  return failed;
};

/** A vault that must not be needed: opening it failed. */
const unopenable = () => {
  const failed = Promise.reject(new Error('the vault was needed'));
  failed.catch(() => undefined);
  return failed;
};

describe('a scan that finds an authenticator code', () => {
  test('adds the account the selection holds and names it', async () => {
    const page = capturedPage(PORTAL);
    const result = await scan(page, page.qr);
    const { accounts } = await vault.list();
    expect(result).toEqual(portalAdded(accounts.map((a) => a.id)));
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ issuer: 'Demo Portaal', label: 'demo', type: 'totp' });
  });

  test('Enter (no rectangle) reads the whole page, and that is not "outside the selection"', async () => {
    expect(await scan(capturedPage(PORTAL), null)).toMatchObject({
      status: 'added',
      foundOutsideSelection: false,
    });
  });

  test('a selection that misses the code uses the one elsewhere on the page, and says so', async () => {
    const page = capturedPage(PORTAL);
    const beside = { x: 10, y: 10, width: 200, height: 200 };
    expect(await scan(page, beside)).toMatchObject({ status: 'added', foundOutsideSelection: true });
  });

  test("a code found outside the selection is added without the page as its site: it may be another site's", async () => {
    const site = 'https://portaal.example.nl';
    const page = capturedPage(PORTAL);
    const beside = { x: 10, y: 10, width: 200, height: 200 };
    const viewportWidth = PAGE.width / SCALE;
    const outside = await scanSelection(
      { capture: page, rect: beside, viewportWidth, origin: site },
      vault,
      hold,
    );
    expect(outside).toMatchObject({ status: 'added', foundOutsideSelection: true });
    expect(outside).not.toHaveProperty('site');
    expect((await vault.list()).accounts[0]?.origins).toBeUndefined();
    // The same code selected where it is, or the whole page by Enter: the page is its site.
    for (const [name, rect] of [
      ['selected', page.qr],
      ['whole page', null],
    ] as const) {
      const other = await openVault({ dbName: `scan-selection-site-${name}` });
      try {
        const added = await scanSelection({ capture: page, rect, viewportWidth, origin: site }, other, hold);
        // The popup names the site the account got.
        expect(added, name).toMatchObject({ status: 'added', site });
        expect((await other.list()).accounts[0]?.origins, name).toEqual([site]);
      } finally {
        other.close();
      }
    }
  });

  test('scanning it again stores nothing and names the account already there', async () => {
    const page = capturedPage(PORTAL);
    await scan(page, page.qr);
    expect(await scan(page, page.qr)).toEqual({
      status: 'duplicate',
      names: ['Demo Portaal: demo'],
      skipped: 0,
      foundOutsideSelection: false,
      at: expect.any(Number),
    });
    expect((await vault.list()).accounts).toHaveLength(1);
  });

  test('the same secret under another name is the same account (a duplicate)', async () => {
    await scan(capturedPage(PORTAL), null);
    const renamed = `otpauth://totp/Ander:iemand?secret=${SECRET}&issuer=Ander`;
    expect(await scan(capturedPage(renamed), null)).toMatchObject({
      status: 'duplicate',
      names: ['Ander: iemand'],
    });
  });

  test('a label and issuer with U+202E and U+200B are stored without them, and named so; the secret is untouched', async () => {
    // "Bank\u202e:bob\u200b" percent-encoded, as a page's QR code would carry it.
    const disguised = `otpauth://totp/Bank%E2%80%AE:bob%E2%80%8B?secret=${SECRET}&issuer=Bank%E2%80%AE%E2%80%8B`;
    expect(await scan(capturedPage(disguised), null)).toMatchObject({
      status: 'added',
      names: ['Bank: bob'],
    });
    const [account] = (await vault.list()).accounts;
    expect(account).toMatchObject({ issuer: 'Bank', label: 'bob', name: '' });
    expect(account?.secret).toEqual(decodeBase32Secret(SECRET));
  });

  test('a Google Authenticator export adds its usable accounts and counts the skipped ones', async () => {
    const secret = (seed: number) => Uint8Array.from({ length: 20 }, (_, i) => seed + i);
    const uri = migrationUri([
      {
        secret: secret(1),
        name: 'Demo Portaal:demo',
        issuer: 'Demo Portaal',
        algorithm: Algorithm.SHA1,
        type: OtpType.TOTP,
      },
      { secret: secret(2), name: 'md5', algorithm: Algorithm.MD5, type: OtpType.TOTP },
      { secret: secret(3), name: 'Bank:bob', algorithm: Algorithm.SHA256, type: OtpType.TOTP },
      // The same account twice in one export: stored once.
      {
        secret: secret(1),
        name: 'Demo Portaal:demo',
        issuer: 'Demo Portaal',
        algorithm: Algorithm.SHA1,
        type: OtpType.TOTP,
      },
    ]);
    const result = await scan(capturedPage(uri), null);
    expect(result).toMatchObject({
      status: 'added',
      names: ['Demo Portaal: demo', 'Bank: bob'],
      skipped: 1,
      skippedLongNames: 0,
    });
    expect((await vault.list()).accounts.map((a) => a.label)).toEqual(['demo', 'bob']);
  });

  test('an export entry with a name over 200 characters is skipped and counted apart, for the popup to say why', async () => {
    const secret = (seed: number) => Uint8Array.from({ length: 20 }, (_, i) => seed + i);
    const totp = { algorithm: Algorithm.SHA1, type: OtpType.TOTP } as const;
    const uri = migrationUri([
      { ...totp, secret: secret(1), name: 'Demo Portaal:demo', issuer: 'Demo Portaal' },
      { ...totp, secret: secret(2), name: `Bank:${'b'.repeat(201)}` },
      { secret: secret(3), name: 'md5', algorithm: Algorithm.MD5, type: OtpType.TOTP },
    ]);
    const result = await scan(capturedPage(uri), null);
    expect(result).toMatchObject({ status: 'added', skipped: 2, skippedLongNames: 1 });
    expect((await vault.list()).accounts.map((a) => a.label)).toEqual(['demo']);
    // Scanned again: already there, and the same two told.
    expect(await scan(capturedPage(uri), null)).toMatchObject({
      status: 'duplicate',
      skipped: 2,
      skippedLongNames: 1,
    });
  });

  test('held while locked, the skipped entries are counted at the unlock, and those with a long name apart', async () => {
    const totp = { algorithm: Algorithm.SHA1, type: OtpType.TOTP } as const;
    const uri = migrationUri([
      { ...totp, secret: new Uint8Array(20).fill(1), name: 'Demo Portaal:demo' },
      { ...totp, secret: new Uint8Array(20).fill(2), name: 'x'.repeat(201) },
    ]);
    const page = capturedPage(uri);
    await scan(page, null, refusing(new VaultLockedError('locked')));
    const result = await storeHeldScans(held, vault);
    expect(result).toMatchObject({ status: 'added', skipped: 1, skippedLongNames: 1 });
  });
});

describe('an export none of whose accounts can be used', () => {
  test('is unusable, with the count, and stores nothing (not "already in your list")', async () => {
    const uri = migrationUri([
      { secret: new Uint8Array(20).fill(7), name: 'md5', algorithm: Algorithm.MD5, type: OtpType.TOTP },
      { secret: new Uint8Array(8).fill(7), name: 'short', algorithm: Algorithm.SHA1, type: OtpType.TOTP },
    ]);
    expect(await scan(capturedPage(uri), null)).toEqual({
      status: 'unusable',
      skipped: 2,
      skippedLongNames: 0,
      foundOutsideSelection: false,
      at: expect.any(Number),
    });
    expect((await vault.list()).accounts).toEqual([]);
  });

  test('names too long are counted apart', async () => {
    const uri = migrationUri([
      { secret: new Uint8Array(20).fill(7), name: 'md5', algorithm: Algorithm.MD5, type: OtpType.TOTP },
      {
        secret: new Uint8Array(20).fill(8),
        name: 'piet',
        issuer: 'z'.repeat(201),
        algorithm: Algorithm.SHA1,
        type: OtpType.TOTP,
      },
    ]);
    expect(await scan(capturedPage(uri), null)).toMatchObject({
      status: 'unusable',
      skipped: 2,
      skippedLongNames: 1,
    });
    expect((await vault.list()).accounts).toEqual([]);
  });
});

describe('a scan that finds nothing to store, and so never needs the vault', () => {
  test('no QR code in the selection or on the page: no-qr', async () => {
    const page = capturedPage(null);
    expect(await scan(page, { x: 50, y: 50, width: 200, height: 200 }, unopenable())).toEqual({
      status: 'no-qr',
      at: expect.any(Number),
    });
  });

  test.each([
    ['https://portal.example.com/login?next=%2F', { kind: 'url', host: 'portal.example.com' }],
    ['HTTP://Example.COM', { kind: 'url', host: 'example.com' }],
    ['Welkom bij de balie. Vraag naar Jan.', { kind: 'text' }],
  ])('a code holding %j is not an authenticator code: not-otp', async (text, content) => {
    const page = capturedPage(text);
    expect(await scan(page, page.qr, unopenable())).toEqual({
      status: 'not-otp',
      content,
      foundOutsideSelection: false,
      at: expect.any(Number),
    });
  });

  test.each([
    ['otpauth://totp/Demo:demo?issuer=Demo', 'missing-secret'],
    ['otpauth://totp/Demo:demo?secret=JBSWY3DP', 'short-secret'],
    ['otpauth://sms/Demo:demo?secret=JBSWY3DPEHPK3PXP', 'unknown-type'],
    ['otpauth-migration://offline?data=%%%', 'bad-migration'],
    [`otpauth://totp/Demo:${'x'.repeat(201)}?secret=JBSWY3DPEHPK3PXP`, 'label-too-long'],
    [`otpauth://totp/${'z'.repeat(201)}:piet?secret=JBSWY3DPEHPK3PXP`, 'issuer-too-long'],
  ])('a defective code %j is invalid, with its error', async (text, error) => {
    const page = capturedPage(text);
    expect(await scan(page, page.qr, unopenable())).toEqual({
      status: 'invalid',
      error,
      foundOutsideSelection: false,
      at: expect.any(Number),
    });
    expect((await vault.list()).accounts).toEqual([]);
  });
});

describe('a scan that completes while the vault is locked (it locked mid-drag, or after a keyboard-started scan)', () => {
  test('is held for the next unlock, not lost and not a capture failure', async () => {
    const page = capturedPage(PORTAL);
    const result = await scan(page, page.qr, refusing(new VaultLockedError('locked')));
    expect(result).toEqual({
      status: 'held',
      count: 1,
      foundOutsideSelection: false,
      at: expect.any(Number),
    });
    expect(held).toEqual([{ uri: PORTAL, foundOutsideSelection: false, at: expect.any(Number) }]);
    expect((await vault.list()).accounts).toEqual([]);
    // What the popup and the page may see holds no secret.
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  test('at the unlock the held scans are stored and reported like a scan that just completed', async () => {
    const page = capturedPage(PORTAL);
    await scan(page, page.qr, refusing(new VaultLockedError('locked')));
    const result = await storeHeldScans(held, vault);
    const { accounts } = await vault.list();
    expect(result).toEqual(portalAdded(accounts.map((a) => a.id)));
    // Held twice (scanned twice while locked), stored once.
    expect(await storeHeldScans([...held, ...held], vault)).toMatchObject({ status: 'duplicate' });
    expect((await vault.list()).accounts).toHaveLength(1);
  });

  test('the page it was scanned on is kept with it, and the stored account gets that site, as a scan stored at once does', async () => {
    const site = 'https://portaal.example.nl';
    const page = capturedPage(PORTAL);
    const input = { capture: page, rect: page.qr, viewportWidth: PAGE.width / SCALE, origin: site };
    await scanSelection(input, refusing(new VaultLockedError('locked')), async (scan) => {
      held.push(scan);
    });
    expect(held).toEqual([
      { uri: PORTAL, origin: site, foundOutsideSelection: false, at: expect.any(Number) },
    ]);
    // Through session storage (a worker restart may come between the scan and the unlock).
    await storeHeldScans(readHeldScans(JSON.parse(JSON.stringify(held))), vault);
    const [stored] = (await vault.list()).accounts;
    expect(stored?.origins).toEqual([site]);

    // Scanned directly on the same page: the same site.
    const other = await openVault({ dbName: 'scan-selection-direct' });
    try {
      await scanSelection(input, other, async () => undefined);
      expect((await other.list()).accounts[0]?.origins).toEqual([site]);
    } finally {
      other.close();
    }
  });

  test.each([
    [0, 'held before the site was kept', {}, undefined],
    [1, 'a site that is not an http(s) origin', { origin: 'javascript:alert(1)' }, undefined],
    [2, 'an origin with a path', { origin: 'https://portaal.example.nl/login' }, undefined],
    [3, 'an http(s) origin', { origin: 'http://localhost:8080' }, ['http://localhost:8080']],
  ])('case %i, %s: the scan is still stored, with only a valid site', async (_i, _what, extra, origins) => {
    const stored = readHeldScans([{ uri: PORTAL, foundOutsideSelection: false, at: 1, ...extra }]);
    expect(stored).toHaveLength(1);
    expect(await storeHeldScans(stored, vault)).toMatchObject({ status: 'added' });
    expect((await vault.list()).accounts[0]?.origins).toEqual(origins);
  });

  test.each([
    ['an altered vault', new VaultIntegrityError({ kind: 'slot', id: 'x' })],
    ['a newer vault', new VaultVersionError('format', 3, 2)],
    ['IndexedDB failing', new DOMException('quota', 'QuotaExceededError')],
  ])('[%#] %s: vault-failed, its own status (not capture-failed), nothing held', async (_what, error) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const page = capturedPage(PORTAL);
    expect(await scan(page, page.qr, refusing(error))).toEqual({
      status: 'vault-failed',
      foundOutsideSelection: false,
      at: expect.any(Number),
    });
    expect(held).toEqual([]);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(SECRET);
    warn.mockRestore();
  });

  test('a write that fails is vault-failed too', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const page = capturedPage(PORTAL);
    const closed = await openVault({ dbName: 'scan-selection-test' });
    closed.close();
    expect(await scan(page, page.qr, closed)).toMatchObject({ status: 'vault-failed' });
    warn.mockRestore();
  });
});
