import type { Rect } from '../messages';

/**
 * Maps a selection in CSS pixels of the page's viewport to pixels of the captured image.
 * The scale is image width / window.innerWidth, not devicePixelRatio: under browser zoom and
 * emulation the two differ, and only the measured ratio matches what captureVisibleTab returned.
 * The result is clamped to the image and has whole-pixel edges that include every touched pixel.
 */
export function scaleSelection(
  selection: Rect,
  viewportWidth: number,
  image: { readonly width: number; readonly height: number },
): Rect | null {
  if (!(viewportWidth > 0) || image.width <= 0 || image.height <= 0) return null;
  const scale = image.width / viewportWidth;
  const left = Math.max(0, Math.floor(Math.min(selection.x, selection.x + selection.width) * scale));
  const top = Math.max(0, Math.floor(Math.min(selection.y, selection.y + selection.height) * scale));
  const right = Math.min(
    image.width,
    Math.ceil(Math.max(selection.x, selection.x + selection.width) * scale),
  );
  const bottom = Math.min(
    image.height,
    Math.ceil(Math.max(selection.y, selection.y + selection.height) * scale),
  );
  if (right - left < 1 || bottom - top < 1) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}
