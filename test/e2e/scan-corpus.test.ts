/**
 * Issue 4's robustness corpus: QR codes generated here, shown on a served page at a real device
 * scale factor and browser zoom, scanned with the real gesture (toolbar click, scan button, mouse
 * drag), and checked in the popup against an independent TOTP computation (same code ⇒ same secret).
 *
 * The full product of the dimensions is thousands of scans; CASES is a covering sample (every value
 * of every dimension at least once), generated once by a greedy search and fixed here, under three
 * constraints: the content fits the QR version at its error-correction level, the code fits the
 * zoomed viewport, and a module spans at least 2 device pixels (module × zoom × scale ≥ 2). Below
 * that the captured image no longer holds the code (1.34 device px per module, 2 px at 67 % on a
 * 1× screen, aliases away), which no decoder can undo.
 */
import { createHash } from 'node:crypto';
import { Secret } from 'otpauth';
import type { Page } from 'puppeteer-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../support/extension-browser';
import { startPageServer } from '../support/qr-page-server';
import { addedIds, expectedCodes, popupAccounts, scanQr, setZoom } from '../support/scan-driver';

const SCALES = [1, 1.25, 1.5, 2] as const;
const VERSIONS = [2, 3, 4, 5, 6, 7, 8, 9, 10];
const LEVELS = ['L', 'M', 'Q', 'H'] as const;
const MODULES = [2, 3, 4, 5, 6, 7, 8];
const SECRET_LENGTHS = [16, 24, 32, 40, 48, 56, 64];
const ZOOMS = [0.67, 0.8, 1, 1.25, 1.5, 1.75, 2];
const MARGINS = [5, 10, 15, 20, 25, 30];

/** Window size (DIP): 1280 × 1013 CSS px of viewport at zoom 1. */
const WINDOW = '--window-size=1280,1100';
const QR_OFFSET = 40;

type Level = (typeof LEVELS)[number];

interface Names {
  readonly issuer: string;
  readonly label: string;
}

/** Label styles; the URI is built from them in uriFor. */
const LABELS: readonly (Names & { readonly style: string })[] = [
  { style: 'plain', issuer: 'Demo', label: 'demo' },
  { style: 'spaces', issuer: 'Demo Portaal', label: 'jan de vries' },
  { style: 'ampersand', issuer: 'Smith & Co', label: 'r&d' },
  // Issuer only in the label prefix, its colon percent-encoded, no issuer parameter.
  { style: 'issuer-prefix', issuer: 'ACME Corp', label: 'alice@example.com' },
  { style: 'é', issuer: 'Société Générale', label: 'rené' },
  { style: 'ü', issuer: 'Müller GmbH', label: 'jürgen' },
  { style: '中', issuer: '中国银行', label: '张伟' },
];
/** Version 2 holds 272 data bits: only an upper-case, label-less URI with a 16-character secret fits. */
const BARE = -1;
/** Version 3: the shortest usual form, issuer in the prefix only. */
const COMPACT = -2;

type Row = readonly [
  scale: (typeof SCALES)[number],
  version: number,
  level: Level,
  moduleSize: number,
  secretLength: number,
  label: number,
  zoom: number,
  margin: number,
];

// biome-ignore format: one case per line reads as a table
const CASES: readonly Row[] = [
  [1, 10, 'L', 8, 64, 5, 0.8, 10],
  [1, 9, 'Q', 4, 16, 2, 1.5, 30],
  [1, 7, 'M', 7, 56, 1, 2, 25],
  [1, 8, 'H', 6, 32, 0, 1, 5],
  [1, 6, 'L', 3, 24, 6, 1, 15],
  [1, 10, 'M', 5, 40, 3, 1.75, 20],
  [1, 9, 'Q', 2, 48, 0, 1.25, 10],
  [1.25, 8, 'L', 6, 48, 4, 0.67, 20],
  [1.25, 5, 'L', 5, 32, 5, 2, 30],
  [1.25, 4, 'L', 7, 24, 3, 0.8, 10],
  [1.25, 2, 'L', 3, 16, BARE, 1.5, 25],
  [1.25, 3, 'L', 3, 16, COMPACT, 1.75, 15],
  [1.25, 7, 'L', 4, 40, 2, 0.67, 5],
  [1.25, 9, 'M', 2, 56, 6, 1.25, 15],
  [1.5, 10, 'M', 8, 64, 1, 1, 10],
  [1.5, 6, 'H', 6, 16, 0, 1.75, 20],
  [1.5, 10, 'Q', 2, 32, 4, 0.67, 25],
  [1.5, 5, 'L', 4, 40, 3, 1.5, 30],
  [1.5, 7, 'H', 8, 24, 0, 2, 30],
  [1.5, 8, 'M', 5, 64, 1, 1.75, 5],
  [1.5, 4, 'L', 7, 24, 3, 0.8, 10],
  [2, 10, 'H', 3, 48, 5, 1.25, 5],
  [2, 9, 'Q', 7, 56, 2, 1.75, 15],
  [2, 6, 'L', 4, 40, 6, 0.8, 20],
  [2, 8, 'M', 5, 48, 4, 2, 25],
  [2, 5, 'M', 8, 32, 3, 1.5, 20],
  [2, 2, 'L', 6, 16, BARE, 0.67, 25],
  [2, 9, 'Q', 4, 56, 1, 1, 30],
];

interface Case {
  readonly index: number;
  readonly scale: number;
  readonly version: number;
  readonly level: Level;
  readonly moduleSize: number;
  readonly secret: string;
  readonly labelStyle: number;
  readonly zoom: number;
  readonly margin: number;
  readonly uri: string;
  /** What the worker names the account (lastScan.names) and what the popup row shows. */
  readonly title: string;
  readonly row: { readonly name: string; readonly details: string };
}

/** A distinct secret per case (no case is a duplicate of another), `length` base32 characters. */
function secretFor(index: number, length: number): string {
  const bytes = createHash('sha512').update(`scan-corpus-${index}`).digest();
  return new Secret({ buffer: new Uint8Array(bytes).buffer }).base32.slice(0, length);
}

function namesFor(labelStyle: number): Names {
  if (labelStyle === BARE) return { issuer: '', label: '' };
  if (labelStyle === COMPACT) return { issuer: 'Demo', label: 'demo' };
  const names = LABELS[labelStyle];
  if (!names) throw new Error(`no label style ${labelStyle}`);
  return names;
}

function uriFor(secret: string, labelStyle: number): string {
  const e = encodeURIComponent;
  if (labelStyle === BARE) return `OTPAUTH://TOTP?SECRET=${secret}`;
  if (labelStyle === COMPACT) return `otpauth://totp/Demo:demo?secret=${secret}`;
  const entry = LABELS[labelStyle];
  if (!entry) throw new Error(`no label style ${labelStyle}`);
  const { issuer, label, style } = entry;
  if (style === 'issuer-prefix') return `otpauth://totp/${e(issuer)}%3A${e(label)}?secret=${secret}`;
  return `otpauth://totp/${e(issuer)}:${e(label)}?secret=${secret}&issuer=${e(issuer)}`;
}

const CORPUS: readonly Case[] = CASES.map(
  ([scale, version, level, moduleSize, secretLength, labelStyle, zoom, margin], index) => {
    const secret = secretFor(index, secretLength);
    const { issuer, label } = namesFor(labelStyle);
    const title = issuer && label ? `${issuer}: ${label}` : issuer || label;
    const name = issuer || label;
    return {
      ...{ index, scale, version, level, moduleSize, secret, labelStyle, zoom, margin },
      uri: uriFor(secret, labelStyle),
      title,
      row: { name, details: [issuer, label].filter((part) => part !== '' && part !== name).join(' · ') },
    };
  },
);

const caseName = (c: Case) =>
  `#${c.index} v${c.version}-${c.level} ${c.moduleSize}px/module zoom ${Math.round(c.zoom * 100)}% ` +
  `margin ${c.margin} secret ${c.secret.length} label ${c.labelStyle < 0 ? (c.labelStyle === BARE ? 'none' : 'compact') : LABELS[c.labelStyle]?.style}`;

let pages: Awaited<ReturnType<typeof startPageServer>>;
beforeAll(async () => {
  pages = await startPageServer();
});
afterAll(async () => {
  await pages?.close();
});

describe('the covering sample', () => {
  test('covers every value of every dimension and respects its constraints', () => {
    const seen = (pick: (c: Case) => unknown) => new Set(CORPUS.map(pick));
    expect(seen((c) => c.scale)).toEqual(new Set(SCALES));
    expect(seen((c) => c.version)).toEqual(new Set(VERSIONS));
    expect(seen((c) => c.level)).toEqual(new Set(LEVELS));
    expect(seen((c) => c.moduleSize)).toEqual(new Set(MODULES));
    expect(seen((c) => c.secret.length)).toEqual(new Set(SECRET_LENGTHS));
    expect(seen((c) => c.zoom)).toEqual(new Set(ZOOMS));
    expect(seen((c) => c.margin)).toEqual(new Set(MARGINS));
    for (let style = 0; style < LABELS.length; style++) expect(seen((c) => c.labelStyle)).toContain(style);
    for (const c of CORPUS) {
      expect(c.moduleSize * c.zoom * c.scale, caseName(c)).toBeGreaterThanOrEqual(2);
      // Throws when the content does not fit the version at this level.
      expect(QRCode.create(c.uri, { version: c.version, errorCorrectionLevel: c.level }).version).toBe(
        c.version,
      );
    }
  });
});

/** A page with the code as an <img> at its natural size, so a module is exactly `moduleSize` CSS px. */
async function showCase(page: Page, c: Case): Promise<void> {
  const png = await QRCode.toDataURL(c.uri, {
    scale: c.moduleSize,
    margin: 4,
    version: c.version,
    errorCorrectionLevel: c.level,
  });
  const side = (4 * c.version + 17 + 8) * c.moduleSize;
  const path = `/corpus-${c.index}`;
  pages.set(
    path,
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Enrol</title>` +
      `<body style="margin:0;background:#fff"><p>Scan this code with your authenticator.</p>` +
      `<img id="qr" alt="QR code" src="${png}" width="${side}" height="${side}" ` +
      `style="position:absolute;left:${QR_OFFSET}px;top:${QR_OFFSET}px;width:${side}px;height:${side}px"></body>`,
  );
  await page.goto(pages.url(path));
  await page.waitForFunction(() => {
    const img = document.getElementById('qr') as HTMLImageElement | null;
    return img?.complete === true && img.naturalWidth > 0;
  });
  expect(await page.$eval('#qr', (img) => (img as HTMLImageElement).naturalWidth)).toBe(side);
}

describe.each(SCALES)('device scale factor %s', (scale) => {
  let eb: ExtensionBrowser;
  let page: Page;
  let stored = 0;

  beforeAll(async () => {
    eb = await launchWithExtension({ scaleFactor: scale, args: [WINDOW] });
    page = await eb.browser.newPage();
    // No viewport emulation: it would fake devicePixelRatio without changing the captured image.
    await page.setViewport(null);
  });
  afterAll(async () => {
    await eb?.close();
  });

  test.each(CORPUS.filter((c) => c.scale === scale).map((c) => [caseName(c), c] as const))(
    '%s',
    async (_, c) => {
      await showCase(page, c);
      await setZoom(eb, page, c.zoom);
      expect(await page.evaluate(() => devicePixelRatio)).toBeCloseTo(c.scale * c.zoom, 2);

      const scan = await scanQr(eb, page, '#qr', { margin: c.margin });
      expect(scan).toMatchObject({ status: 'added', names: [c.title], foundOutsideSelection: false });
      expect(addedIds(scan)).toHaveLength(1);
      stored += 1;

      const now = Date.now();
      const accounts = await popupAccounts(eb, stored);
      expect(accounts).toHaveLength(stored);
      const account = accounts.find((a) => a.id === addedIds(scan)[0]);
      expect(account).toMatchObject(c.row);
      expect(expectedCodes(c.secret, now)).toContain(account?.code);
    },
  );

  if (scale === 1) {
    test('the same code scanned twice is recognised and not stored twice', async () => {
      const secret = secretFor(1000, 32);
      const c: Case = { ...(CORPUS[0] as Case), index: 1000, secret, uri: uriFor(secret, 1), zoom: 1 };
      await showCase(page, c);
      await setZoom(eb, page, 1);
      const first = await scanQr(eb, page, '#qr', { margin: 15 });
      expect(first).toMatchObject({ status: 'added', names: ['Demo Portaal: jan de vries'] });
      stored += 1;
      const second = await scanQr(eb, page, '#qr', { margin: 15 });
      expect(second).toMatchObject({ status: 'duplicate', names: ['Demo Portaal: jan de vries'] });

      const now = Date.now();
      const accounts = await popupAccounts(eb, stored);
      expect(accounts).toHaveLength(stored);
      expect(accounts.filter((a) => expectedCodes(secret, now).includes(a.code))).toHaveLength(1);
    });
  }
});
