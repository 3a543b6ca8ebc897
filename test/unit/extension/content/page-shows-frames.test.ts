// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { type FramePage, pageShowsFrames } from '../../../../extension/content/page-shows-frames';

/** happy-dom's iframes get a srcdoc: it would otherwise report that it loads no frame pages. */
afterEach(() => {
  document.body.innerHTML = '';
});

/** The page as the overlay sees it; `frameCount` is window.length, which counts every frame. */
function page(frameCount: number, shadowRoots = new Map<Element, ShadowRoot>()): FramePage {
  return { document, frameCount, shadowRootOf: (element) => shadowRoots.get(element) ?? null };
}

describe('whether the page embeds another document (then no site is recorded for a scan there)', () => {
  test('a page without frames: no', () => {
    document.body.innerHTML = '<img src="data:," alt=""><div><p>Scan de code</p></div>';
    expect(pageShowsFrames(page(0))).toBe(false);
  });

  test.each(['iframe', 'frame', 'object', 'embed', 'fencedframe'])(
    'a %s anywhere on the page: yes',
    (tag) => {
      const attributes = tag === 'iframe' ? 'srcdoc="" ' : '';
      document.body.innerHTML = `<div><${tag} ${attributes}></${tag}></div>`;
      expect(pageShowsFrames(page(tag === 'fencedframe' ? 0 : 1))).toBe(true);
    },
  );

  test('a frame away from the selection counts too: a page can move it over the selection as the user lets go', () => {
    document.body.innerHTML =
      '<img src="data:," alt=""><iframe srcdoc="" style="position:absolute;left:800px;top:500px"></iframe>';
    expect(pageShowsFrames(page(0))).toBe(true);
  });

  test('a frame inside a closed shadow root is found through it', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const host = document.getElementById('host') as HTMLElement;
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = '<fencedframe></fencedframe>';
    // A fenced frame is not counted in window.length: only the walk finds it.
    expect(pageShowsFrames(page(0, new Map([[host, root]])))).toBe(true);
    expect(pageShowsFrames(page(0))).toBe(false);
  });

  test('a frame the overlay cannot find (window.length counts it) is enough', () => {
    document.body.innerHTML = '<p>nothing to see</p>';
    expect(pageShowsFrames(page(1))).toBe(true);
  });
});
