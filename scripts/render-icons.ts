/**
 * Renders extension/icons/icon.svg to the PNG sizes the manifest names, with Debian's Chromium.
 * Run after changing the SVG: `npx tsx scripts/render-icons.ts`. The PNGs are committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

const SIZES = [16, 32, 48, 128] as const;
const svg = readFileSync('extension/icons/icon.svg', 'utf8');
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  pipe: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
    const html = `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`;
    await page.setContent(html);
    const png = await page.screenshot({
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    writeFileSync(`extension/icons/icon-${size}.png`, png);
  }
} finally {
  await browser.close();
}
