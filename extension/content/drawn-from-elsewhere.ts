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
 * Whether the page shows pixels of another origin that a code could be read from: an image, a
 * video or a canvas (which the page may have drawn another site's image on) whose pixels cannot be
 * read back, anywhere on the page, also in closed shadow roots (`shadowRootOf`). Anywhere, as for
 * frames (page-shows-frames.ts): the page can move one over the selection. Not seen: another
 * site's CSS background, and pixels the page copied by other means; an image not loaded shows
 * nothing and is passed over.
 */
export function pageShowsForeignPixels(
  root: Document | ShadowRoot,
  shadowRootOf: (element: Element) => ShadowRoot | null,
): boolean {
  for (const element of Array.from(root.querySelectorAll('*'))) {
    if (element instanceof HTMLImageElement) {
      if (element.complete && element.naturalWidth > 0 && drawnFromElsewhere(element)) return true;
    } else if (element instanceof HTMLVideoElement) {
      if (element.readyState >= 2 && drawnFromElsewhere(element)) return true;
    } else if (element instanceof HTMLCanvasElement) {
      if (element.width > 0 && element.height > 0 && drawnFromElsewhere(element)) return true;
    }
    const shadow = shadowRootOf(element);
    if (shadow !== null && pageShowsForeignPixels(shadow, shadowRootOf)) return true;
  }
  return false;
}
