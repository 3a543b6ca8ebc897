import type { ImageBox } from '../page-helpers';
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
    foreign: drawnFromElsewhere(image),
  };
}

/**
 * Whether the image's pixels came from another origin than the page's. Its address cannot tell:
 * a same-origin URL may redirect to another site's QR code, or a service worker answer with one.
 * The browser knows: a canvas such an image was drawn on cannot be read (it is tainted; no
 * host permission of ours lifts that). An image that cannot be drawn counts as foreign too.
 */
function drawnFromElsewhere(image: HTMLImageElement): boolean {
  try {
    const context = document.createElement('canvas').getContext('2d');
    if (context === null) return true;
    context.drawImage(image, 0, 0, 1, 1);
    context.getImageData(0, 0, 1, 1);
    return false;
  } catch {
    return true;
  }
}
