import { useEffect, useRef } from 'preact/hooks';

/**
 * Scrolls once to the section the page was opened at (`#activity`, `#import` …) when the page is
 * first drawn: it draws after reading the settings and the vault, too late for the browser's own
 * jump to the fragment. Following a link on the page later is left to the browser.
 */
export function useScrollToSection(id: string, ready: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current || id === '') return;
    done.current = true;
    document.getElementById(id)?.scrollIntoView();
  }, [id, ready]);
}
