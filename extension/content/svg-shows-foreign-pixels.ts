import { foreignAddress, onPageOrigin } from './foreign-address';
import { overlaps, type ViewportRect } from './paints-across';

const SVG = 'http://www.w3.org/2000/svg';
const XLINK = 'http://www.w3.org/1999/xlink';

/** An SVG element's address as it is shown now: the animated value where there is one. */
function svgAddress(element: Element): string {
  const animated = (element as { href?: { animVal?: unknown } }).href?.animVal;
  if (typeof animated === 'string' && animated !== '') return animated.trim();
  return (element.getAttribute('href') ?? element.getAttributeNS(XLINK, 'href') ?? '').trim();
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

/**
 * For an SVG element that can bring another origin's pixels: whether it does, where a code is read
 * (`area`); null for any other element.
 * - `<image>` and `<feImage>`, anywhere on the page (a pattern, a filter or a `<use>` naming them
 *   paints them wherever that is): unless made by the page (`data:`, its `blob:`), or, for an
 *   `<image>` of the page's own origin (a logo), proven its own: drawn, read back, not empty. Their
 *   address as shown now (an animation may have changed it).
 * - `<set>` or `<animate>` that changes an address, anywhere: it can show another one at any moment.
 * - `<use>` of another file (a sprite), across the area, or anywhere inside a pattern, a symbol,
 *   a marker or a mask (painted where those are used): what that file holds cannot be seen from
 *   the page. Found by reviews: each showed another site's image past the version before. A
 *   portal's icon sprite across the area costs it its site (a whole-page scan, Enter, takes the
 *   whole screen as its area): the file's contents cannot be checked without fetching it.
 */
export function svgShowsForeignPixels(element: Element, area: ViewportRect | null): boolean | null {
  if (element.namespaceURI !== SVG) return null;
  switch (element.localName) {
    case 'image':
    case 'feImage': {
      const address = svgAddress(element);
      if (!foreignAddress(address)) return false;
      return !(
        element.localName === 'image' &&
        onPageOrigin(address) &&
        svgImageReadable(element as SVGImageElement)
      );
    }
    case 'set':
    case 'animate':
      // With any prefix ("x:href" once x names XLink's namespace): the name's local part.
      return (element.getAttribute('attributeName') ?? '').trim().split(':').pop() === 'href';
    case 'use': {
      const address = svgAddress(element);
      if (address === '' || address.startsWith('#')) return false;
      // Where it is painted: in its box, or, inside what is drawn elsewhere (a pattern's fill,
      // a symbol another <use> names; its own box then empty), anywhere (found by a review).
      const drawnElsewhere = element.closest('defs, symbol, pattern, marker, mask, clipPath') !== null;
      return drawnElsewhere || overlaps(element, area);
    }
    default:
      return null;
  }
}
