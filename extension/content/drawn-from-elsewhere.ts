/**
 * Whether `image`'s pixels came from another origin than the page's, whatever its address says (a
 * redirect, a service worker's answer): a canvas it is drawn on cannot be read back (it is
 * tainted; no host permission of ours lifts that). An image that cannot be drawn counts as foreign.
 */
export function drawnFromElsewhere(image: CanvasImageSource): boolean {
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

/**
 * Whether an `<img>` shows pixels of another origin: one still loading counts (it goes on showing
 * what it showed before its address changed, or the part of a slow answer that arrived, which no
 * check can read); one that loaded is drawn and read back; one without an image (no address, or a
 * broken one) shows none.
 */
export function imageShowsForeignPixels(image: HTMLImageElement): boolean {
  if (!image.complete) return true;
  return image.naturalWidth > 0 && drawnFromElsewhere(image);
}
