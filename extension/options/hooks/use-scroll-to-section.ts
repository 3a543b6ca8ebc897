import { useEffect, useRef } from 'preact/hooks';

/** How long parts drawn after the page (the activity log's entries) may still move the section. */
const SETTLE_MS = 2000;

/**
 * Scrolls once to the section the page was opened at (`#activity`, `#import` …) when the page is
 * first drawn: it draws after reading the settings and the vault, too late for the browser's own
 * jump to the fragment. Parts drawn later make the page longer (the activity log, the last
 * section, reads its entries after the page is drawn, and until then the page cannot scroll it to
 * the top): for a moment it scrolls there again as the page grows, until the user scrolls or types
 * themselves. Following a link on the page later is left to the browser.
 */
export function useScrollToSection(id: string, ready: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current || id === '') return;
    done.current = true;
    const target = document.getElementById(id);
    if (target === null) return;
    target.scrollIntoView();
    if (typeof ResizeObserver === 'undefined') return;
    const controller = new AbortController();
    const stop = () => controller.abort();
    for (const type of ['wheel', 'touchstart', 'keydown', 'mousedown'])
      window.addEventListener(type, stop, { signal: controller.signal, passive: true });
    // Scrolled by something that sends none of those (a screen reader, the find bar, the
    // scrollbar): the page is where we left it only while nobody else moved it.
    let placed = window.scrollY;
    window.addEventListener(
      'scroll',
      () => {
        if (Math.abs(window.scrollY - placed) > 2) stop();
      },
      { signal: controller.signal, passive: true },
    );
    const observer = new ResizeObserver(() => {
      if (controller.signal.aborted) return;
      target.scrollIntoView();
      placed = window.scrollY;
    });
    observer.observe(document.body);
    controller.signal.addEventListener('abort', () => observer.disconnect());
    const timer = setTimeout(stop, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [id, ready]);
}
