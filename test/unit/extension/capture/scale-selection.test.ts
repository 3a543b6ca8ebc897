import { expect, test } from 'vitest';
import { scaleSelection } from '../../../../extension/capture/scale-selection';

test.each([
  // [selection, innerWidth, image, expected]
  [
    { x: 10, y: 20, width: 100, height: 50 },
    1000,
    { width: 1000, height: 800 },
    { x: 10, y: 20, width: 100, height: 50 },
  ],
  [
    { x: 10, y: 20, width: 100, height: 50 },
    1000,
    { width: 2000, height: 1600 },
    { x: 20, y: 40, width: 200, height: 100 },
  ],
  // Browser zoom 150 %: innerWidth shrinks to 667 CSS px while the image stays 1000 px wide.
  [
    { x: 100, y: 100, width: 200, height: 200 },
    667,
    { width: 1000, height: 800 },
    { x: 149, y: 149, width: 301, height: 301 },
  ],
  // Dragged from bottom-right to top-left.
  [
    { x: 110, y: 70, width: -100, height: -50 },
    1000,
    { width: 1000, height: 800 },
    { x: 10, y: 20, width: 100, height: 50 },
  ],
  // Partly outside the viewport: clamped.
  [
    { x: -20, y: 780, width: 100, height: 100 },
    1000,
    { width: 1000, height: 800 },
    { x: 0, y: 780, width: 80, height: 20 },
  ],
])(
  '#%# maps a CSS-pixel selection to image pixels by image width / innerWidth',
  (selection, innerWidth, image, expected) => {
    expect(scaleSelection(selection, innerWidth, image)).toEqual(expected);
  },
);

test('an empty or off-screen selection gives null', () => {
  expect(
    scaleSelection({ x: 10, y: 10, width: 0, height: 10 }, 1000, { width: 1000, height: 800 }),
  ).toBeNull();
  expect(
    scaleSelection({ x: 2000, y: 10, width: 50, height: 50 }, 1000, { width: 1000, height: 800 }),
  ).toBeNull();
});
