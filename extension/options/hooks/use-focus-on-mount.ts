import { useEffect, useRef } from 'preact/hooks';
import { focusLost } from '../../popup/hooks/use-keep-focus';

/**
 * A ref whose element takes the focus once, when it first appears: for what replaces the control
 * that had the focus (an import's report, the notice after an erase), so the focus is not left on
 * the page's body and a screen reader reads what happened. The element needs `tabIndex={-1}`, and
 * no live-region role: the focus has it read, a role as well would have it read twice.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    // Only a focus nobody has: never taken from a field the user went on to.
    if (focusLost()) ref.current?.focus();
  }, []);
  return ref;
}
