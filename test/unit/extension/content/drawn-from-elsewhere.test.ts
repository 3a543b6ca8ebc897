// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { pageShowsForeignPixels } from '../../../../extension/content/drawn-from-elsewhere';

/** What drawing reads back: the pixels of these elements cannot be read (another origin's). */
let tainted: Set<unknown>;
beforeEach(() => {
  tainted = new Set();
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

describe('pageShowsForeignPixels: a code the page shows may be another site’s', () => {
  test("an image whose pixels cannot be read (another origin's, whatever its address): yes; the page's own: no", () => {
    const own = loaded(document.createElement('img'));
    const foreign = loaded(document.createElement('img'));
    document.body.append(own);
    expect(pageShowsForeignPixels(document, noShadow)).toBe(false);
    document.body.append(foreign);
    tainted.add(foreign);
    expect(pageShowsForeignPixels(document, noShadow)).toBe(true);
  });

  test('an image not loaded shows nothing and is passed over (a broken one would throw when drawn)', () => {
    const broken = document.createElement('img');
    document.body.append(broken);
    tainted.add(broken);
    expect(pageShowsForeignPixels(document, noShadow)).toBe(false);
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
    expect(pageShowsForeignPixels(document, noShadow)).toBe(false);
    expect(pageShowsForeignPixels(document, (element) => (element === host ? shadow : null))).toBe(true);
  });
});
