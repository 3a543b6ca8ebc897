import { useEffect, useRef } from 'preact/hooks';

/**
 * A ref whose element takes the focus once, when it first appears: for what replaces the control
 * that had the focus (an import's report, the notice after an erase), so the focus is not left on
 * the page's body and a screen reader reads what happened. The element needs `tabIndex={-1}`.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
