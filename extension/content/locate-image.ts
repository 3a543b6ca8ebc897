import type { ImageBox } from '../page-helpers';
import { imageShowsForeignPixels } from './drawn-from-elsewhere';
import { pageShowsFrames, thisPage } from './page-shows-frames';

/**
 * For the context menu's "QR-code scannen": finds the image the user right-clicked (by its URL,
 * which is all the menu event tells), brings it fully into view, and returns its box, so the
 * worker can capture the visible tab and crop it like a drag-selected rectangle. Runs in the
 * page's isolated world (page-helpers-script.ts) and returns a rectangle only (SECURITY #24).
 * Null when no visible image has that URL.
 */
export async function locateImage(srcUrl: string): Promise<ImageBox | null> {
  const images = Array.from(document.querySelectorAll('img')).filter(
    (img) => (img.currentSrc || img.src) === srcUrl && img.getBoundingClientRect().width > 0,
  );
  // Several copies of one image: the one nearest the middle of the screen is the likely one.
  const middle = window.innerHeight / 2;
  const distance = (img: HTMLImageElement) => {
    const box = img.getBoundingClientRect();
    return Math.abs(box.top + box.height / 2 - middle);
  };
  const image = images.sort((a, b) => distance(a) - distance(b))[0];
  if (image === undefined) return null;
  const box = image.getBoundingClientRect();
  if (box.top < 0 || box.left < 0 || box.bottom > window.innerHeight || box.right > window.innerWidth) {
    image.scrollIntoView({ block: 'center', inline: 'center' });
    // The scroll is painted in the next frame; the capture must see it.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }
  const shown = image.getBoundingClientRect();
  // Only the part inside the viewport can be captured.
  const x = Math.max(0, shown.left);
  const y = Math.max(0, shown.top);
  const width = Math.min(window.innerWidth, shown.right) - x;
  const height = Math.min(window.innerHeight, shown.bottom) - y;
  if (width <= 0 || height <= 0) return null;
  const rect = { x, y, width, height };
  return {
    rect,
    viewportWidth: window.innerWidth,
    framed: pageShowsFrames(thisPage()),
    foreign: imageShowsForeignPixels(image),
  };
}
