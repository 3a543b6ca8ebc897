// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { pageShowsForeignPixels } from '../../../../extension/content/drawn-from-elsewhere';

/** What drawing reads back: the pixels of these elements cannot be read (another origin's). */
let tainted: Set<unknown>;
beforeEach(() => {
  tainted = new Set();
  // happy-dom lays nothing out: each element is 100 × 100 at data-at="x,y" (0,0 by default).
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const [x = 0, y = 0] = (this.getAttribute('data-at') ?? '0,0').split(',').map(Number);
    return {
      x,
      y,
      left: x,
      top: y,
      width: 100,
      height: 100,
      right: x + 100,
      bottom: y + 100,
      toJSON: () => ({}),
    };
  });
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => {
    let drawn: unknown;
    return {
      drawImage: (source: unknown) => {
        drawn = source;
      },
      getImageData: () => {
        if (tainted.has(drawn)) throw new DOMException('tainted', 'SecurityError');
        return {};
      },
    } as unknown as RenderingContext;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

/** An image as the browser has it once loaded (happy-dom loads nothing). */
function loaded(image: HTMLImageElement): HTMLImageElement {
  Object.defineProperty(image, 'complete', { value: true });
  Object.defineProperty(image, 'naturalWidth', { value: 246 });
  return image;
}

const noShadow = () => null;
/** The user's selection, in CSS pixels of the viewport. */
const SELECTION = { x: 0, y: 0, width: 300, height: 300 };

describe('pageShowsForeignPixels: a code the page shows may be another site’s', () => {
  test("an image whose pixels cannot be read (another origin's, whatever its address): yes; the page's own: no", () => {
    const own = loaded(document.createElement('img'));
    const foreign = loaded(document.createElement('img'));
    document.body.append(own);
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
    document.body.append(foreign);
    tainted.add(foreign);
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
  });

  test('an image not loaded shows nothing and is passed over (a broken one would throw when drawn)', () => {
    const broken = document.createElement('img');
    document.body.append(broken);
    tainted.add(broken);
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
  });

  test('a canvas the page drew another site’s image on, and one in a closed shadow root', () => {
    const canvas = document.createElement('canvas');
    canvas.width = 10;
    canvas.height = 10;
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'closed' });
    shadow.append(canvas);
    document.body.append(host);
    tainted.add(canvas);
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
    expect(pageShowsForeignPixels(document, (element) => (element === host ? shadow : null), SELECTION)).toBe(
      true,
    );
  });

  test("another site's image elsewhere on the page (a logo, a tracking pixel) costs the page nothing", () => {
    const logo = loaded(document.createElement('img'));
    logo.setAttribute('data-at', '900,20');
    document.body.append(logo);
    tainted.add(logo);
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
    // The whole page scanned (no selection): all that is on screen counts.
    Object.defineProperty(window, 'innerWidth', { configurable: true, value: 1280 });
    expect(pageShowsForeignPixels(document, noShadow, null)).toBe(true);
  });
});
