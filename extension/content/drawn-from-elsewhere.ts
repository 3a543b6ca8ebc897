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

/** A rectangle in CSS pixels of the viewport (a selection). */
export interface ViewportRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Whether `element`'s box on screen overlaps `area` (the whole viewport when null). */
function overlaps(element: Element, area: ViewportRect | null): boolean {
  const box = element.getBoundingClientRect();
  if (box.width <= 0 || box.height <= 0) return false;
  const { x, y, width, height } = area ?? { x: 0, y: 0, width: innerWidth, height: innerHeight };
  return box.right > x && box.left < x + width && box.bottom > y && box.top < y + height;
}

/**
 * Whether the page shows pixels of another origin where a code is read (`area`, the selection;
 * the whole viewport when null): an image, a video or a canvas (which the page may have drawn
 * another site's image on) whose pixels cannot be read back, also in closed shadow roots
 * (`shadowRootOf`). Only across the area: another site's logo or tracking pixel elsewhere on a
 * portal's page must not cost it its website. Not seen: another site's CSS background, and pixels
 * the page copied by other means; an image not loaded shows nothing and is passed over.
 */
export function pageShowsForeignPixels(
  root: Document | ShadowRoot,
  shadowRootOf: (element: Element) => ShadowRoot | null,
  area: ViewportRect | null,
): boolean {
  for (const element of Array.from(root.querySelectorAll('*'))) {
    if (element instanceof HTMLImageElement) {
      if (
        element.complete &&
        element.naturalWidth > 0 &&
        overlaps(element, area) &&
        drawnFromElsewhere(element)
      )
        return true;
    } else if (element instanceof HTMLVideoElement || element instanceof HTMLCanvasElement) {
      const ready = element instanceof HTMLVideoElement ? element.readyState >= 2 : element.width > 0;
      if (ready && overlaps(element, area) && drawnFromElsewhere(element)) return true;
    }
    const shadow = shadowRootOf(element);
    if (shadow !== null && pageShowsForeignPixels(shadow, shadowRootOf, area)) return true;
  }
  return false;
}
