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
 * Whether an SVG `<image>` of the page's own origin shows the page's own pixels: drawn on a canvas
 * it can be read back (not another origin's, whatever its address redirected to) and is not empty
 * (drawn at all: one whose address was just changed to one that never answers draws nothing,
 * while the browser may go on painting what it showed before). An SVG image has no `complete`.
 */
function svgImageReadable(image: CanvasImageSource): boolean {
  try {
    const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    if (context === null) return false;
    context.drawImage(image, 0, 0, 16, 16);
    const { data } = context.getImageData(0, 0, 16, 16);
    for (let alpha = 3; alpha < data.length; alpha += 4) if ((data[alpha] ?? 0) > 0) return true;
    return false;
  } catch {
    return false;
  }
}

/** Whether `address` (as written in the page) is on the page's own origin. */
function pageOrigin(address: string): boolean {
  try {
    return new URL(address, document.baseURI).origin === location.origin;
  } catch {
    return false;
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
 * Whether `element` keeps its pixels inside its own box, as an image, a video or a canvas does by
 * default (`overflow: clip` at the content box). `overflow: visible` or an `overflow-clip-margin`
 * lets `object-position` paint them outside, anywhere on the page.
 */
function paintsInsideItsBox(element: Element): boolean {
  const style = getComputedStyle(element);
  const clipped = (value: string) => value === '' || value === 'clip' || value === 'hidden';
  const margin = style.getPropertyValue('overflow-clip-margin');
  return (
    clipped(style.overflowX) &&
    clipped(style.overflowY) &&
    (margin === '' || margin === 'content-box' || margin === '0px')
  );
}

/** Whether `element` paints across `area`: its box overlaps it, or it may paint outside its box. */
function paintsAcross(element: Element, area: ViewportRect | null): boolean {
  return overlaps(element, area) || !paintsInsideItsBox(element);
}

/**
 * Whether `address` (as written in the page) may bring another origin's pixels: anything but none,
 * `data:` and a `blob:` the page made; a relative address too. An address on the page's own origin may still redirect to another site; where the
 * pixels cannot be drawn to be checked (a poster, an image button, an SVG image), only these pass.
 */
function foreignAddress(address: string): boolean {
  // No address: nothing shown.
  if (address === '' || address.startsWith('data:')) return false;
  try {
    return !(address.startsWith('blob:') && new URL(address).origin === location.origin);
  } catch {
    return true;
  }
}

const SVG = 'http://www.w3.org/2000/svg';
const XLINK = 'http://www.w3.org/1999/xlink';

/** An SVG `<image>` or `<feImage>`'s address (`href`, or the older `xlink:href`), or null for any other element. */
function svgImageAddress(element: Element): string | null {
  if (element.namespaceURI !== SVG || (element.localName !== 'image' && element.localName !== 'feImage'))
    return null;
  return (element.getAttribute('href') ?? element.getAttributeNS(XLINK, 'href') ?? '').trim();
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

/** One element, across `area`; its shadow root is visited by the caller. */
function elementShowsForeignPixels(element: Element, area: ViewportRect | null): boolean {
  // Painted wherever a pattern, a filter or a <use> naming it is, in any SVG of the page: anywhere.
  const svgImage = svgImageAddress(element);
  if (svgImage !== null) {
    if (!foreignAddress(svgImage)) return false;
    // One of the page's own origin (a logo) passes when its pixels are proven the page's: else a
    // portal with such a logo would lose its website. An feImage cannot be drawn to be checked.
    return !(
      element.localName === 'image' &&
      pageOrigin(svgImage) &&
      svgImageReadable(element as SVGImageElement)
    );
  }
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
 * back, an image still loading, a video's poster or an image button not made by the page, and an
 * SVG image not made by the page nor proven its own (drawn, read back) anywhere. Only across the area otherwise: another site's logo or
 * tracking pixel elsewhere on a portal's page must not cost it its website. Not seen: another
 * site's CSS background, and pixels the page copied by other means.
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
