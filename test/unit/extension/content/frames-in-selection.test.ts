// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { type FramePage, framesInSelection } from '../../../../extension/content/frames-in-selection';

/**
 * happy-dom lays nothing out: each element's box comes from data-box="x,y,w,h". Its iframes get a
 * srcdoc: happy-dom would otherwise report that it loads no frame pages.
 */
beforeEach(() => {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const spec = (this as HTMLElement).dataset?.box ?? '0,0,0,0';
    const [x = 0, y = 0, width = 0, height = 0] = spec.split(',').map(Number);
    return { x, y, left: x, top: y, width, height, right: x + width, bottom: y + height, toJSON: () => ({}) };
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const VIEWPORT = { x: 0, y: 0, width: 1000, height: 800 };
/** The user's selection around the portal's QR code. */
const SELECTION = { x: 100, y: 100, width: 300, height: 300 };

/** The page as the overlay sees it; `frameCount` is window.length, which counts every frame. */
function page(frameCount: number, shadowRoots = new Map<Element, ShadowRoot>()): FramePage {
  return {
    document,
    frameCount,
    viewport: VIEWPORT,
    shadowRootOf: (element) => shadowRoots.get(element) ?? null,
  };
}

describe('whether a selection may show another document than the page', () => {
  test('a page without frames: no', () => {
    document.body.innerHTML = '<img data-box="120,120,250,250">';
    expect(framesInSelection(SELECTION, page(0))).toBe(false);
  });

  test.each(['iframe', 'frame', 'object', 'embed', 'fencedframe'])(
    'a %s across the selection: yes',
    (tag) => {
      const attributes = tag === 'iframe' ? 'srcdoc="" ' : '';
      document.body.innerHTML = `<${tag} ${attributes}data-box="50,50,400,400"></${tag}>`;
      expect(framesInSelection(SELECTION, page(1))).toBe(true);
    },
  );

  test('a fenced frame across the selection, which window.length does not count: yes', () => {
    document.body.innerHTML = '<fencedframe data-box="50,50,400,400"></fencedframe>';
    expect(framesInSelection(SELECTION, page(0))).toBe(true);
  });

  test('a frame elsewhere on the page (a chat widget in the corner): no', () => {
    document.body.innerHTML =
      '<img data-box="120,120,250,250"><iframe srcdoc="" data-box="700,500,300,300"></iframe>';
    expect(framesInSelection(SELECTION, page(1))).toBe(false);
  });

  test('a frame of no size (a tracking pixel) in the selection: no', () => {
    document.body.innerHTML = '<iframe srcdoc="" data-box="150,150,0,0"></iframe>';
    expect(framesInSelection(SELECTION, page(1))).toBe(false);
  });

  test('the whole visible page (Enter): a frame on screen counts, one below the fold does not', () => {
    document.body.innerHTML = '<iframe srcdoc="" data-box="0,600,500,300"></iframe>';
    expect(framesInSelection(null, page(1))).toBe(true);
    document.body.innerHTML = '<iframe srcdoc="" data-box="0,900,500,300"></iframe>';
    expect(framesInSelection(null, page(1))).toBe(false);
  });

  test('a frame inside a closed shadow root is found through it', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const host = document.getElementById('host') as HTMLElement;
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = '<iframe srcdoc="" data-box="100,100,300,300"></iframe>';
    expect(framesInSelection(SELECTION, page(1, new Map([[host, root]])))).toBe(true);
    root.innerHTML = '<iframe srcdoc="" data-box="700,500,300,300"></iframe>';
    expect(framesInSelection(SELECTION, page(1, new Map([[host, root]])))).toBe(false);
  });

  test('a frame the overlay cannot find (more frames than elements) may be anywhere: yes', () => {
    document.body.innerHTML = '<iframe srcdoc="" data-box="700,500,300,300"></iframe>';
    expect(framesInSelection(SELECTION, page(2))).toBe(true);
  });
});
