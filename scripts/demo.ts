/**
 * `npm run demo`: a visible Chromium with the built extension loaded and the portal open, so a
 * person can try the whole flow. Needs a display; says so (in Dutch and English) when there is none.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dist = resolve('dist');

function fail(nl: string, en: string): never {
  process.stderr.write(`${nl}\n${en}\n`);
  process.exit(1);
}

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  fail(
    'Geen beeldscherm gevonden (DISPLAY is niet gezet): de demo opent een zichtbaar browservenster. Gebruik `npm start` en laad dist/ in uw eigen Chrome.',
    'No display found (DISPLAY is not set): the demo opens a visible browser window. Use `npm start` and load dist/ in your own Chrome.',
  );
}
if (!existsSync(chromium)) {
  fail(
    `Chromium niet gevonden op ${chromium} (apt-get install chromium).`,
    `Chromium not found at ${chromium} (apt-get install chromium).`,
  );
}
if (!existsSync(join(dist, 'manifest.json'))) {
  fail(
    'dist/ bestaat nog niet: voer eerst `npm run build` uit.',
    'dist/ does not exist yet: run `npm run build` first.',
  );
}

const server = spawn(process.execPath, ['--import', 'tsx', 'verifier-server/server.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
server.stdout.setEncoding('utf8');
let opened = false;
server.stdout.on('data', (chunk: string) => {
  process.stdout.write(chunk);
  const url = /Verifier: (http:\/\/\S+)/.exec(chunk)?.[1];
  if (!url || opened) return;
  opened = true;
  // The same loading path as the end-to-end tests: Chromium's --load-extension switch is
  // being retired, puppeteer's enableExtensions is not.
  openBrowser(url).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    server.kill('SIGTERM');
  });
});
server.on('exit', (code) => process.exit(code ?? 0));

async function openBrowser(url: string): Promise<void> {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: false,
    pipe: true,
    enableExtensions: [dist],
    userDataDir: mkdtempSync(join(tmpdir(), 'authenticator-demo-')),
    defaultViewport: null,
    args: [
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      // Chromium refuses to start its sandbox as root (containers, CI machines): only then without it.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  const [page] = await browser.pages();
  await (page ?? (await browser.newPage())).goto(url);
  browser.on('disconnected', () => server.kill('SIGTERM'));
}
