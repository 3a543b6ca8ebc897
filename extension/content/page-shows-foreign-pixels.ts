import { drawnFromElsewhere, imageShowsForeignPixels } from './drawn-from-elsewhere';
import { foreignAddress } from './foreign-address';
import { paintsAcross, type ViewportRect } from './paints-across';
import { svgShowsForeignPixels } from './svg-shows-foreign-pixels';

/** One element, across `area`; its shadow root is visited by the caller. */
function elementShowsForeignPixels(element: Element, area: ViewportRect | null): boolean {
  const svg = svgShowsForeignPixels(element, area);
  if (svg !== null) return svg;
  if (element instanceof HTMLImageElement)
    return paintsAcross(element, area) && imageShowsForeignPixels(element);
  if (element instanceof HTMLInputElement)
    return (
      element.type === 'image' &&
      paintsAcross(element, area) &&
      foreignAddress(element.getAttribute('src') ?? '')
    );
  if (element instanceof HTMLVideoElement) {
    if (!paintsAcross(element, area)) return false;
    // The poster shows until the video plays, also once a frame is loaded.
    if (foreignAddress(element.getAttribute('poster') ?? '')) return true;
    return element.readyState >= 2 && drawnFromElsewhere(element);
  }
  if (element instanceof HTMLCanvasElement)
    return element.width > 0 && paintsAcross(element, area) && drawnFromElsewhere(element);
  return false;
}

/**
 * Whether the page shows pixels of another origin where a code is read (`area`, the selection;
 * the whole viewport when null), also in closed shadow roots (`shadowRootOf`): an image, a video
 * or a canvas (which the page may have drawn another site's image on) whose pixels cannot be read
 * back, an image still loading, a video's poster or an image button not made by the page, and what
 * SVG can bring in (svg-shows-foreign-pixels.ts). Only across the area otherwise: another site's
 * logo or tracking pixel elsewhere on a portal's page must not cost it its website. Not seen:
 * another site's CSS background, and pixels the page copied by other means.
 */
export function pageShowsForeignPixels(
  root: Document | ShadowRoot,
  shadowRootOf: (element: Element) => ShadowRoot | null,
  area: ViewportRect | null,
): boolean {
  for (const element of Array.from(root.querySelectorAll('*'))) {
    if (elementShowsForeignPixels(element, area)) return true;
    const shadow = shadowRootOf(element);
    if (shadow !== null && pageShowsForeignPixels(shadow, shadowRootOf, area)) return true;
  }
  return false;
}
