/**
 * Scan speed (issues 4 and 9): mouse-up to account stored at device scale factor 1 and 2 and at
 * 150 % browser zoom on a 2× screen, with the built extension in dist/ (run `npm run build`
 * first) and the real gesture, with the median time of each stage (the worker's performance
 * marks); and decode time alone for a typical portal code at 4 px per module, in Node and in
 * Chromium. Prints figures against targets.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import QRCode from 'qrcode';
import { build, type Rollup } from 'vite';
import { decodeQr } from '../extension/capture/decode-qr';
import { DIST, type ExtensionBrowser, launchWithExtension } from '../test/support/extension-browser';
import { startPageServer } from '../test/support/qr-page-server';
import { qrPixels } from '../test/support/qr-pixels';
import {
  boxOf,
  closeReportPopup,
  inWorker,
  scanCount,
  setZoom,
  startOverlay,
  waitForScan,
} from '../test/support/scan-driver';

const ROOT = resolve(import.meta.dirname, '..');
const TARGETS = { scale1MedianMs: 120, scale2MedianMs: 200, decodeMs: 15 };
const SCANS = 15;
const DECODES = 50;
const MODULE_PX = 4;
const DRAG_MARGIN = 15;

/** What a portal shows: issuer, label, a 160-bit secret and the default parameters spelled out. */
const portalUri = (secret: string) =>
  `otpauth://totp/Demo%20Portaal:jan.devries%40example.nl?secret=${secret}&issuer=Demo%20Portaal&algorithm=SHA1&digits=6&period=30`;
const PORTAL_URI = portalUri('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (at - lo);
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');

/** A distinct base32 secret per scan, so every scan stores an account (not a duplicate). */
function secretFor(setup: string, index: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = createHash('sha256').update(`scan-bench-${setup}-${index}`).digest();
  return Array.from(bytes.subarray(0, 32), (byte) => alphabet[byte % 32]).join('');
}

/** A screen: its device scale factor and the tab's browser zoom (what Ctrl+Plus sets). */
interface Setup {
  readonly scale: number;
  readonly zoom: number;
}
const label = ({ scale, zoom }: Setup) => `scale ${scale}, zoom ${Math.round(zoom * 100)} %`;

/** Where one scan's time went: mouse-up to the worker's stage marks, then to lastScan.at. */
const STAGES = [
  ['overlay + message', 'scan-received'],
  ['captureVisibleTab (JPEG)', 'scan-captured'],
  ['base64 + image decode', 'scan-image'],
  ['crop + QR decode', 'scan-decoded'],
] as const;
type StageName = (typeof STAGES)[number][0] | 'vault + store';
type StageTimes = Record<StageName, number>;

interface Latencies {
  readonly storedMs: number[];
  readonly observedMs: number[];
  readonly stages: StageTimes[];
}

/** The worker's scan marks of the last scan, as epoch milliseconds. */
function stageMarks(eb: ExtensionBrowser): Promise<Record<string, number>> {
  return inWorker(eb, () =>
    Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .map((mark) => [mark.name, performance.timeOrigin + mark.startTime] as const),
    ),
  );
}

/** One scan of a fresh portal code at `url`: mouse-up to stored, to seen, and per stage. */
async function scanOnce(eb: ExtensionBrowser, page: Page, url: string, uri: string, into: Latencies | null) {
  const png = await QRCode.toDataURL(uri, { scale: MODULE_PX, margin: 4 });
  await page.goto(url);
  await page.setContent(
    `<!doctype html><body style="margin:0"><h1 style="margin:16px">Stap 2: scan de code</h1>` +
      `<img id="qr" src="${png}" style="position:absolute;left:320px;top:140px"></body>`,
  );
  await page.waitForFunction(() => (document.getElementById('qr') as HTMLImageElement).complete);
  const before = await scanCount(eb);
  await startOverlay(eb, page);
  const box = await boxOf(page, '#qr');
  await page.mouse.move(box.x - DRAG_MARGIN, box.y - DRAG_MARGIN);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width + DRAG_MARGIN, box.y + box.height + DRAG_MARGIN, { steps: 4 });
  await page.mouse.up();
  const up = Date.now();
  const scan = await waitForScan(eb, before);
  const observed = Date.now();
  const marks = await stageMarks(eb);
  await closeReportPopup(eb);
  if (scan.status !== 'added') throw new Error(`scan at ${url}: ${scan.status}`);
  if (into === null) return;
  into.storedMs.push(scan.at - up);
  into.observedMs.push(observed - up);
  let from = up;
  const times: Partial<StageTimes> = {};
  for (const [name, mark] of STAGES) {
    const at = marks[mark] ?? Number.NaN;
    times[name] = at - from;
    from = at;
  }
  into.stages.push({ ...(times as Omit<StageTimes, 'vault + store'>), 'vault + store': scan.at - from });
}

/**
 * Mouse-up (page.mouse.up() resolved) to lastScan.at (the worker's clock once the account is
 * stored), in one browser at device scale `scale`, for each zoom. Browser zoom is kept per host,
 * so each zoom gets its own host name (127.0.0.1, localhost) and their scans alternate: on this
 * shared, noisy machine both see the same load.
 */
async function scanLatencies(scale: number, zooms: readonly number[]): Promise<Map<number, Latencies>> {
  const hosts = ['127.0.0.1', 'localhost'];
  const pages = await startPageServer();
  const eb: ExtensionBrowser = await launchWithExtension({
    scaleFactor: scale,
    args: ['--window-size=1280,1000'],
  });
  const results = new Map(
    zooms.map((zoom) => [zoom, { storedMs: [], observedMs: [], stages: [] } as Latencies]),
  );
  try {
    const page: Page = await eb.browser.newPage();
    await page.setViewport(null);
    pages.set('/scan', '<!doctype html><title>scan</title>');
    const urls = zooms.map((_, i) => pages.url('/scan').replace('127.0.0.1', hosts[i] ?? '127.0.0.1'));
    // One warm-up scan per zoom (worker start, jsQR compile, vault creation), not counted.
    for (const [z, zoom] of zooms.entries()) {
      await page.goto(urls[z] ?? '');
      await setZoom(eb, page, zoom);
      await scanOnce(eb, page, urls[z] ?? '', portalUri(secretFor(`${scale}-${zoom}`, -1)), null);
    }
    for (let i = 0; i < SCANS; i++) {
      for (const [z, zoom] of zooms.entries()) {
        const uri = portalUri(secretFor(`${scale}-${zoom}`, i));
        await scanOnce(eb, page, urls[z] ?? '', uri, results.get(zoom) ?? null);
      }
    }
  } finally {
    await eb.close();
    await pages.close();
  }
  return results;
}

function timeRuns(run: () => unknown, count: number): number[] {
  for (let i = 0; i < 5; i++) run();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times;
}

/** decodeQr and jsQR bundled as one IIFE that sets globalThis.decodeQr, for a Chromium page. */
async function decodeBundle(): Promise<string> {
  const output = (await build({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      minify: true,
      target: 'chrome116',
      lib: {
        entry: join(ROOT, 'extension/capture/decode-qr.ts'),
        formats: ['iife'],
        name: 'scanBench',
        fileName: () => 'decode.js',
      },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const [first] = Array.isArray(output) ? output : [output];
  const chunk = first?.output.find((o): o is Rollup.OutputChunk => o.type === 'chunk');
  if (!chunk) throw new Error('no bundle for decode-qr');
  return chunk.code;
}

/** The same decode, timed inside a Chromium page (V8 with the browser's flags, as in the worker). */
async function chromiumDecodeTimes(pixels: ReturnType<typeof qrPixels>): Promise<number[]> {
  const code = await decodeBundle();
  const eb = await launchWithExtension();
  try {
    const page = await eb.browser.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: code });
    return await page.evaluate(
      (base64: string, width: number, height: number, runs: number) => {
        const bytes = Uint8ClampedArray.from(atob(base64), (c) => c.charCodeAt(0));
        const image = { data: bytes, width, height };
        const decode = (globalThis as unknown as { scanBench: { decodeQr(p: typeof image): string | null } })
          .scanBench.decodeQr;
        if (decode(image) === null) throw new Error('Chromium could not decode the bench code');
        for (let i = 0; i < 5; i++) decode(image);
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const start = performance.now();
          decode(image);
          times.push(performance.now() - start);
        }
        return times;
      },
      Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength).toString('base64'),
      pixels.width,
      pixels.height,
      DECODES,
    );
  } finally {
    await eb.close();
  }
}

export async function runScanBench(): Promise<void> {
  if (!existsSync(join(DIST, 'manifest.json'))) {
    process.stdout.write('scan bench skipped: no dist/ (run `npm run build` first)\n');
    return;
  }
  const pixels = qrPixels(PORTAL_URI, { moduleSize: MODULE_PX });
  if (decodeQr(pixels) !== PORTAL_URI) throw new Error('decodeQr did not read the bench code');
  const version = QRCode.create(PORTAL_URI, { errorCorrectionLevel: 'M' }).version;
  const nodeDecode = timeRuns(() => decodeQr(pixels), DECODES);
  const browserDecode = await chromiumDecodeTimes(pixels).catch((error: unknown) => {
    process.stdout.write(`  (decode in Chromium not measured: ${String(error)})\n`);
    return null;
  });

  process.stdout.write(
    `decode alone: portal URI (${PORTAL_URI.length} chars, QR version ${version}-M), ${MODULE_PX} px/module, ` +
      `${pixels.width}×${pixels.height} px crop, ${DECODES} runs\n` +
      `  Node      median ${ms(quantile(nodeDecode, 0.5))}  p90 ${ms(quantile(nodeDecode, 0.9))}\n` +
      (browserDecode
        ? `  Chromium  median ${ms(quantile(browserDecode, 0.5))}  p90 ${ms(quantile(browserDecode, 0.9))}\n`
        : ''),
  );

  // Browser zoom (or pinch-zoom) on a 2× screen gives 3 device pixels per CSS pixel: the largest crops.
  const runs = [
    { scale: 1, zooms: [1] },
    { scale: 2, zooms: [1, 1.5] },
  ] as const;
  const latency = new Map<string, Latencies>();
  process.stdout.write(
    `mouse-up to account stored (lastScan.at), ${SCANS} scans after one warm-up, real gesture, dist/ build\n`,
  );
  for (const { scale, zooms } of runs) {
    for (const [zoom, result] of await scanLatencies(scale, zooms)) {
      const setup = { scale, zoom };
      latency.set(label(setup), result);
      const stageMedians = (Object.keys(result.stages[0] ?? {}) as StageName[])
        .map(
          (name) =>
            `${name} ${ms(
              quantile(
                result.stages.map((t) => t[name]),
                0.5,
              ),
            )}`,
        )
        .join(', ');
      process.stdout.write(
        `  ${label(setup)}: median ${ms(quantile(result.storedMs, 0.5))}  p90 ${ms(quantile(result.storedMs, 0.9))}` +
          `  (seen by a test page: median ${ms(quantile(result.observedMs, 0.5))})\n` +
          `    stage medians: ${stageMedians}\n`,
      );
    }
  }

  const median = (setup: Setup) => quantile(latency.get(label(setup))?.storedMs ?? [], 0.5);
  const s1 = median({ scale: 1, zoom: 1 });
  const s2 = median({ scale: 2, zoom: 1 });
  const zoomed = median({ scale: 2, zoom: 1.5 });
  const decode = quantile(browserDecode ?? nodeDecode, 0.5);
  process.stdout.write(
    `\ntargets:\n` +
      `  scale 1 median ≤ ${TARGETS.scale1MedianMs} ms: ${ms(s1)}  ${verdict(s1 <= TARGETS.scale1MedianMs)}\n` +
      `  scale 2 median ≤ ${TARGETS.scale2MedianMs} ms: ${ms(s2)}  ${verdict(s2 <= TARGETS.scale2MedianMs)}\n` +
      `  zoom 150 % no slower than 100 % (scale 2, scans alternated): ${ms(zoomed)} = ${(zoomed / s2).toFixed(2)}× ` +
      `${verdict(zoomed <= s2)}\n` +
      `  decode ≤ ${TARGETS.decodeMs} ms at ${MODULE_PX} px/module (${browserDecode ? 'Chromium' : 'Node'} median): ` +
      `${ms(decode)}  ${verdict(decode <= TARGETS.decodeMs)}\n`,
  );
}

// Run on its own with `npx tsx bench/scan-bench.ts`; bench/run-all.ts imports it.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await runScanBench();
}
