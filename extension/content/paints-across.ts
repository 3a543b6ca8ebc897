/** A rectangle in CSS pixels of the viewport (a selection). */
export interface ViewportRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Whether `element`'s box on screen overlaps `area` (the whole viewport when null). */
export function overlaps(element: Element, area: ViewportRect | null): boolean {
  const box = element.getBoundingClientRect();
  if (box.width <= 0 || box.height <= 0) return false;
  const { x, y, width, height } = area ?? { x: 0, y: 0, width: innerWidth, height: innerHeight };
  return box.right > x && box.left < x + width && box.bottom > y && box.top < y + height;
}

/** A clip at the box (any overflow but visible), without a margin that reaches past it. */
function clippedAtItsBox(style: CSSStyleDeclaration): boolean {
  const clipped = (value: string) => value !== 'visible';
  // A box keyword, or none: the clip is within the border box; a length reaches past it.
  const margin = style
    .getPropertyValue('overflow-clip-margin')
    .replace(/\b(content|padding|border)-box\b/, '');
  return clipped(style.overflowX) && clipped(style.overflowY) && /^\s*(0px)?\s*$/.test(margin);
}

/**
 * Whether a replaced element (an image, a video, a canvas, an image button) keeps its pixels inside
 * its own box. It does with any clip at the box (Chromium's own sheet: `overflow: clip`); with
 * `overflow: visible` too, unless `object-fit` (cover, none) or `object-position` (a length, or a
 * percentage past 0 to 100) moves its picture past the box, and then anywhere on the page. A review showed a reset
 * sheet's `img { overflow: visible }` alone must not make every image on a page count.
 */
function paintsInsideItsBox(element: Element): boolean {
  const style = getComputedStyle(element);
  if (clippedAtItsBox(style)) return true;
  const fit = style.getPropertyValue('object-fit');
  // A picture no larger than its box (fill, contain, scale-down) stays in it at any position
  // given in percentages from 0 to 100 ("top" is 50% 0%); a length can move it out.
  const inside = (offset: string) => /^(100|\d{1,2}(\.\d+)?)%$/.test(offset);
  const position = style.getPropertyValue('object-position').trim();
  return fit !== 'cover' && fit !== 'none' && (position === '' || position.split(/\s+/).every(inside));
}

/** Whether `element` paints across `area`: its box overlaps it, or it may paint outside its box. */
export function paintsAcross(element: Element, area: ViewportRect | null): boolean {
  return overlaps(element, area) || !paintsInsideItsBox(element);
}
