import { useEffect, useRef, useState } from 'preact/hooks';

export interface ToastMessage {
  readonly text: string;
  /** Set by show(): a new one per message, so the same text shown again is said again. */
  readonly id?: number;
  /** A button in the toast, e.g. undo. */
  readonly action?: {
    readonly label: string;
    readonly run: () => void;
    readonly testId?: string;
    /** Ctrl+Z (⌘Z) runs it too, from anywhere in the popup but a text field: the undo. */
    readonly undoKey?: boolean;
  };
}

export interface ToastControls {
  readonly show: (message: ToastMessage, ms?: number) => void;
  readonly hide: () => void;
  /**
   * Holds the toast while the user is at it (its button has the focus, or the pointer is over
   * it): it stays until released, and then gets its whole time again (WCAG 2.2.1: a keyboard
   * user may need longer to reach "Ongedaan maken").
   */
  readonly hold: (held: boolean) => void;
}

/** How many messages were shown: each one's id. */
let shownCount = 0;

/** One short message at a time (copied, added, deleted with undo), cleared after `ms`. */
export function useToast(): [ToastMessage | undefined, ToastControls] {
  const [message, setMessage] = useState<ToastMessage>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const shown = useRef<{ ms: number; held: boolean }>({ ms: 0, held: false });

  const controls = useRef<ToastControls>();
  if (controls.current === undefined) {
    const start = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setMessage(undefined), shown.current.ms);
    };
    controls.current = {
      show: (next, ms = 2500) => {
        shown.current = { ms, held: false };
        setMessage({ ...next, id: ++shownCount });
        start();
      },
      hide: () => {
        clearTimeout(timer.current);
        setMessage(undefined);
      },
      hold: (held) => {
        if (held === shown.current.held) return;
        shown.current = { ...shown.current, held };
        if (held) clearTimeout(timer.current);
        else start();
      },
    };
  }

  useEffect(() => () => clearTimeout(timer.current), []);
  return [message, controls.current];
}
