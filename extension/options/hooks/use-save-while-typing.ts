import { useEffect, useMemo, useRef } from 'preact/hooks';

/** This long after the last keystroke, what was typed is written. */
export const SAVE_AFTER_TYPING_MS = 400;

export interface SaveWhileTyping {
  /** The user typed `value`: it is written once they pause (or sooner, see below). */
  typed(value: string): void;
  /** Writes what was typed and not yet written, now; false when there was nothing to write. */
  flush(): boolean;
}

/**
 * A text field that saves itself as the user types: `write` runs `SAVE_AFTER_TYPING_MS` after the
 * last keystroke, or at once when the page is hidden or closed (`pagehide`, `visibilitychange`)
 * or the field leaves the page, so closing the tab right after typing loses nothing. Only the
 * latest text is written, once.
 */
export function useSaveWhileTyping(write: (value: string) => void): SaveWhileTyping {
  const latestWrite = useRef(write);
  latestWrite.current = write;
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const save = useMemo<SaveWhileTyping>(() => {
    const flush = () => {
      clearTimeout(timer.current);
      const value = pending.current;
      if (value === null) return false;
      pending.current = null;
      latestWrite.current(value);
      return true;
    };
    return {
      typed: (value) => {
        pending.current = value;
        clearTimeout(timer.current);
        timer.current = setTimeout(flush, SAVE_AFTER_TYPING_MS);
      },
      flush,
    };
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    const options = { signal: controller.signal };
    window.addEventListener('pagehide', () => save.flush(), options);
    document.addEventListener(
      'visibilitychange',
      () => document.visibilityState === 'hidden' && save.flush(),
      options,
    );
    return () => {
      controller.abort();
      save.flush();
    };
  }, [save]);
  return save;
}
