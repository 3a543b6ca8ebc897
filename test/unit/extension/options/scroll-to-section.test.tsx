// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useScrollToSection } from '../../../../extension/options/hooks/use-scroll-to-section';

/** A ResizeObserver the test drives: `grow()` is the page getting longer. */
let grow: () => void = () => undefined;
class FakeResizeObserver {
  constructor(callback: () => void) {
    grow = callback;
  }
  observe(): void {}
  disconnect(): void {
    grow = () => undefined;
  }
}

let container: HTMLElement;
let scrolls: string[];
beforeEach(() => {
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  vi.useFakeTimers();
  scrolls = [];
  vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (this: HTMLElement) {
    scrolls.push(this.id);
  });
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  window.scrollTo(0, 0);
});

function Page({ ready }: { readonly ready: boolean }) {
  useScrollToSection('activity', ready);
  return <section id="activity" />;
}

async function mount(): Promise<void> {
  await act(() => render(<Page ready={false} />, container));
  expect(scrolls).toEqual([]);
  await act(() => render(<Page ready={true} />, container));
  expect(scrolls).toEqual(['activity']);
}

describe('opened at a section: the page scrolls there, and again while it grows', () => {
  it('scrolls again as the page grows, for two seconds', async () => {
    await mount();
    grow();
    grow();
    expect(scrolls).toHaveLength(3);
    vi.advanceTimersByTime(2001);
    grow();
    expect(scrolls).toHaveLength(3);
  });

  it('stops at once when the user types, clicks or scrolls the wheel', async () => {
    for (const type of ['keydown', 'mousedown', 'wheel']) {
      await mount();
      window.dispatchEvent(new Event(type));
      grow();
      expect(scrolls, type).toEqual(['activity']);
      render(null, container);
      scrolls = [];
    }
  });

  it('stops when something else scrolled the page (a screen reader, the find bar, the scrollbar)', async () => {
    await mount();
    window.scrollTo(0, 400);
    window.dispatchEvent(new Event('scroll'));
    grow();
    expect(scrolls).toEqual(['activity']);
  });
});
