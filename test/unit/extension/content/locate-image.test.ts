// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { locateImage } from '../../../../extension/content/locate-image';

/** happy-dom lays nothing out: each image's box comes from data-box="x,y,w,h" (scrolled by data-scrolled-box). */
beforeEach(() => {
  Object.defineProperty(window, 'innerWidth', { configurable: true, value: 1000 });
  Object.defineProperty(window, 'innerHeight', { configurable: true, value: 800 });
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const spec = (this.dataset.scrolled === '1' ? this.dataset.scrolledBox : this.dataset.box) ?? '0,0,0,0';
    const [x = 0, y = 0, width = 0, height = 0] = spec.split(',').map(Number);
    return { x, y, left: x, top: y, width, height, right: x + width, bottom: y + height, toJSON: () => ({}) };
  });
  vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (this: HTMLElement) {
    this.dataset.scrolled = '1';
  });
  // happy-dom loads nothing: every image as loaded (246 px wide), unless a test says otherwise.
  vi.spyOn(HTMLImageElement.prototype, 'complete', 'get').mockReturnValue(true);
  vi.spyOn(HTMLImageElement.prototype, 'naturalWidth', 'get').mockReturnValue(246);
  // happy-dom draws nothing: a canvas that reads back, as one an image of the page's own was drawn on.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    () => ({ drawImage: () => {}, getImageData: () => ({}) }) as unknown as RenderingContext,
  );
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const src = 'https://portaal.example/qr.png';

test('an image fully on screen: its box, nothing scrolled', async () => {
  document.body.innerHTML = `<img src="${src}" data-box="100,200,246,246">`;
  expect(await locateImage(src)).toEqual({
    rect: { x: 100, y: 200, width: 246, height: 246 },
    viewportWidth: 1000,
    framed: false,
    foreign: false,
  });
  expect(HTMLElement.prototype.scrollIntoView).not.toHaveBeenCalled();
});

test('an image partly below the fold is scrolled into view first', async () => {
  document.body.innerHTML = `<img src="${src}" data-box="100,700,246,246" data-scrolled-box="100,277,246,246">`;
  expect(await locateImage(src)).toEqual({
    rect: { x: 100, y: 277, width: 246, height: 246 },
    viewportWidth: 1000,
    framed: false,
    foreign: false,
  });
});

test('another image, or none with that URL, is not taken', async () => {
  document.body.innerHTML = '<img src="https://portaal.example/logo.png" data-box="0,0,100,40">';
  expect(await locateImage(src)).toBeNull();
});

test('of two copies, the one nearer the middle of the screen', async () => {
  document.body.innerHTML = `<img id="a" src="${src}" data-box="0,0,100,100"><img id="b" src="${src}" data-box="400,350,100,100">`;
  expect((await locateImage(src))?.rect).toEqual({ x: 400, y: 350, width: 100, height: 100 });
});

test('an image larger than the screen is clipped to what can be captured', async () => {
  document.body.innerHTML = `<img src="${src}" data-box="-50,-20,1200,900" data-scrolled-box="-50,-20,1200,900">`;
  expect((await locateImage(src))?.rect).toEqual({ x: 0, y: 0, width: 1000, height: 800 });
});

test('an image a frame lies across: its box, marked framed (the page is then not its site)', async () => {
  // srcdoc: happy-dom would otherwise report that it loads no frame pages.
  document.body.innerHTML = `<img src="${src}" data-box="100,200,246,246"><iframe srcdoc="" data-box="90,190,300,300"></iframe>`;
  Object.defineProperty(window, 'length', { configurable: true, value: 1 });
  try {
    expect(await locateImage(src)).toMatchObject({ rect: { x: 100, y: 200 }, framed: true });
  } finally {
    Object.defineProperty(window, 'length', { configurable: true, value: 0 });
  }
});

test('an image whose canvas cannot be read (its pixels came from another origin, by a redirect or a service worker): foreign', async () => {
  document.body.innerHTML = `<img src="${src}" data-box="100,200,246,246">`;
  vi.mocked(HTMLCanvasElement.prototype.getContext).mockImplementation(
    () =>
      ({
        drawImage: () => {},
        getImageData: () => {
          throw new DOMException('The canvas has been tainted by cross-origin data.', 'SecurityError');
        },
      }) as unknown as RenderingContext,
  );
  expect(await locateImage(src)).toMatchObject({ rect: { x: 100, y: 200 }, framed: false, foreign: true });
});

test('an image still loading: foreign (it may go on showing another site’s pixels, which no canvas can read)', async () => {
  document.body.innerHTML = `<img src="${src}" data-box="100,200,246,246">`;
  vi.spyOn(HTMLImageElement.prototype, 'complete', 'get').mockReturnValue(false);
  expect(await locateImage(src)).toMatchObject({ rect: { x: 100, y: 200 }, foreign: true });
});
