import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface ToastMessage {
  readonly text: string;
  /** A button in the toast, e.g. undo. */
  readonly action?: { readonly label: string; readonly run: () => void; readonly testId?: string };
}

/** One short message at a time (copied, added, deleted with undo), cleared after `ms`. */
export function useToast(): [
  ToastMessage | undefined,
  (message: ToastMessage, ms?: number) => void,
  () => void,
] {
  const [message, setMessage] = useState<ToastMessage>();
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const hide = useCallback(() => {
    clearTimeout(timer.current);
    setMessage(undefined);
  }, []);

  const show = useCallback((next: ToastMessage, ms = 2500) => {
    clearTimeout(timer.current);
    setMessage(next);
    timer.current = setTimeout(() => setMessage(undefined), ms);
  }, []);

  useEffect(() => () => clearTimeout(timer.current), []);
  return [message, show, hide];
}
