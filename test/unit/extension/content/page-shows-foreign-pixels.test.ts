// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { imageShowsForeignPixels } from '../../../../extension/content/drawn-from-elsewhere';
import { pageShowsForeignPixels } from '../../../../extension/content/page-shows-foreign-pixels';

/** What drawing reads back: the pixels of these elements cannot be read (another origin's). */
let tainted: Set<unknown>;
/** What drawing leaves transparent: it drew nothing (not loaded). */
let empty: Set<unknown>;
beforeEach(() => {
  tainted = new Set();
  empty = new Set();
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
      getImageData: (_x: number, _y: number, width: number, height: number) => {
        if (tainted.has(drawn)) throw new DOMException('tainted', 'SecurityError');
        // Opaque pixels, or none for what draws nothing (an image not loaded).
        return { data: new Uint8ClampedArray(width * height * 4).fill(empty.has(drawn) ? 0 : 255) };
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

  test('an image without pixels (no address, or a broken one) shows nothing and is passed over', () => {
    const broken = document.createElement('img');
    Object.defineProperty(broken, 'complete', { value: true });
    document.body.append(broken);
    tainted.add(broken);
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
  });

  test('an image still loading counts: it goes on showing what it showed before its address changed', () => {
    // Found by an attacker review: another site's code, loaded, then its address set to one that
    // never answers. Chromium keeps painting the old pixels; no canvas can read them.
    const swapped = document.createElement('img');
    Object.defineProperty(swapped, 'complete', { value: false });
    document.body.append(swapped);
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
    expect(imageShowsForeignPixels(swapped)).toBe(true);
    // Beside the selection it costs nothing, like a loaded one.
    swapped.setAttribute('data-at', '900,20');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
  });

  test('an image whose picture is moved past its box (overflow: visible, object-position) counts wherever its box is', () => {
    const beside = loaded(document.createElement('img'));
    beside.setAttribute('data-at', '900,20');
    tainted.add(beside);
    document.body.append(beside);
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
    // (happy-dom computes no shorthand: the longhand Chromium computes from `overflow: visible`.)
    beside.style.setProperty('overflow-x', 'visible');
    // A reset sheet's `img { overflow: visible }` alone keeps the picture in its box (found by a review).
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
    // "top": 50% 0%, within the box whatever the size (found by a review).
    beside.style.setProperty('object-position', '50% 0%');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
    beside.style.setProperty('object-position', '-900px 0px');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
    beside.style.setProperty('object-position', '-800% 50%');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
    beside.style.removeProperty('object-position');
    beside.style.setProperty('object-fit', 'none');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
    // Clipped at its box again: whatever moves the picture, it stays there.
    beside.style.setProperty('overflow-x', 'hidden');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
    beside.style.setProperty('overflow-clip-margin', '900px');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
  });

  test("a video's poster, and an image button, from any address but the page's data: or blob:", () => {
    const video = document.createElement('video');
    video.setAttribute('poster', 'http://localhost:9/qr.png');
    document.body.append(video);
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
    video.setAttribute('poster', 'data:image/png;base64,iVBORw0KGgo=');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
    video.removeAttribute('poster');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);

    const button = document.createElement('input');
    button.type = 'image';
    button.src = 'http://localhost:9/qr.png';
    document.body.append(button);
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
    // A text field with a src attribute is no image.
    button.type = 'text';
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
  });

  test('an SVG image or feImage not made by the page counts anywhere: a pattern or filter paints it elsewhere', () => {
    document.body.innerHTML =
      '<svg width="0" height="0" data-at="900,20"><defs><pattern id="p"><image id="i"/></pattern>' +
      '<filter id="f"><feImage id="fe"/></filter></defs></svg>';
    const image = document.getElementById('i') as Element;
    const feImage = document.getElementById('fe') as Element;
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
    image.setAttribute('href', 'http://localhost:9/qr.png');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
    image.setAttribute('href', 'data:image/png;base64,iVBORw0KGgo=');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
    // An address of the page's own may redirect; an feImage cannot be drawn to be checked.
    feImage.setAttributeNS('http://www.w3.org/1999/xlink', 'xlink:href', '/qr.png');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
  });

  test('an SVG address changed by an animation, and any animation of an address, count anywhere', () => {
    // Found by a review: the attribute stays empty while <set> shows another site's image.
    document.body.innerHTML = '<svg data-at="900,20"><image id="i" width="100" height="100"></image></svg>';
    const image = document.getElementById('i') as Element;
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
    Object.defineProperty(image, 'href', { value: { animVal: 'https://other.example/qr.png' } });
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
    document.body.innerHTML =
      '<svg data-at="900,20"><image width="100" height="100"><set attributeName="href" to="/x.png"/></image></svg>';
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
    document.body.innerHTML =
      '<svg data-at="900,20"><rect><animate attributeName="width" to="10"/></rect></svg>';
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
  });

  test('an SVG <use> of another file (a sprite, whose contents the page cannot see) counts across the selection', () => {
    document.body.innerHTML = '<svg><use id="u" href="/sprite.svg#qr"/><use id="own" href="#shape"/></svg>';
    const use = document.getElementById('u') as Element;
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
    use.setAttribute('data-at', '900,20');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
  });

  test('an SVG <use> of another file inside a pattern or a symbol counts anywhere: it is painted where those are used', () => {
    for (const holder of ['pattern', 'symbol', 'marker', 'mask']) {
      document.body.innerHTML = `<svg data-at="900,20"><defs><${holder} id="h"><use data-at="900,20" href="/sprite.svg#q"/></${holder}></defs></svg>`;
      expect(pageShowsForeignPixels(document, noShadow, SELECTION), holder).toBe(true);
    }
  });

  test('an animation of an address is found with any prefix, as it can be written', () => {
    document.body.innerHTML =
      '<svg data-at="900,20"><image width="10" height="10"><set attributeName="x:href" to="/x.png" begin="2s"/></image></svg>';
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
  });

  test("an SVG image of the page's own origin (a logo) passes only when its pixels are proven the page's", () => {
    document.body.innerHTML = '<svg data-at="900,20"><image id="logo" href="/static/logo.png"/></svg>';
    const logo = document.getElementById('logo') as Element;
    // Drawn, read back, not empty: the page's own.
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(false);
    // Redirected to another site: the canvas cannot be read.
    tainted.add(logo);
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
    tainted.delete(logo);
    // Nothing drawn: its address was changed to one that does not answer (the old pixels may stay).
    empty.add(logo);
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
    empty.delete(logo);
    // Another origin by its address, readable or not.
    logo.setAttribute('href', 'https://cdn.example/logo.png');
    expect(pageShowsForeignPixels(document, noShadow, SELECTION)).toBe(true);
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
