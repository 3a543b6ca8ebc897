import type { RefObject } from 'preact';
import { useCallback, useLayoutEffect, useRef } from 'preact/hooks';

/** True when no control has the focus: the one that had it was removed, and it fell to <body>. */
export function focusLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

export interface KeepFocus {
  /** For the root's focusin: which of its controls had the focus last. */
  readonly onFocusIn: (event: FocusEvent) => void;
  /**
   * Once the control that has the focus now is gone, `selector` (within the root) takes it, as soon
   * as a render shows it: the undo button after deleting the last row, the row put back by undo.
   */
  readonly focusWhenShown: (selector: string) => void;
}

/**
 * Keeps the keyboard focus in the popup when a render removes the control that had it (the last
 * row deleted, the toast's button expiring, a dialog closed): Chromium leaves it on <body>, and a
 * keyboard or screen-reader user has to start again from the top. It goes where `focusWhenShown`
 * said, else to `fallback` (a toolbar button). Only a focus this root held: never at start-up,
 * never one the user moved elsewhere. Runs after each render of the component that calls it.
 */
export function useKeepFocus(root: RefObject<HTMLElement>, fallback: string): KeepFocus {
  const held = useRef<Element | null>(null);
  const wanted = useRef<{ readonly selector: string; readonly from: Element | null }>();

  useLayoutEffect(() => {
    const next = wanted.current;
    if (!focusLost()) {
      // The user moved on (or the control that had the focus is still there): nothing to restore.
      if (next !== undefined && document.activeElement !== next.from) wanted.current = undefined;
      return;
    }
    const gone = held.current !== null && !held.current.isConnected;
    if (next === undefined && !gone) return;
    const target = root.current?.querySelector<HTMLElement>(next?.selector ?? fallback);
    // Not rendered yet (the vault is still removing or restoring): a later render shows it.
    if (target === null || target === undefined) return;
    wanted.current = undefined;
    held.current = null;
    target.focus();
  });

  const onFocusIn = useCallback((event: FocusEvent) => {
    held.current = event.target instanceof Element ? event.target : null;
  }, []);
  const focusWhenShown = useCallback((selector: string) => {
    wanted.current = { selector, from: document.activeElement };
  }, []);
  return { onFocusIn, focusWhenShown };
}
