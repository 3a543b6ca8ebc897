import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ToastMessage } from '../hooks/use-toast';

/** A key typed into a text field is the field's own (Ctrl+Z undoes typing there). */
const inTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea'));

/**
 * The popup's one live region: copied, added, deleted (with undo), failures. `onHold` keeps it
 * while the pointer is over it or its button has the focus (useToast's hold).
 */
export function Toast({
  message,
  onHold,
}: {
  readonly message: ToastMessage | undefined;
  readonly onHold?: (held: boolean) => void;
}) {
  const action = message?.action;
  // Held while either holds it: the pointer leaving does not release a focused button.
  const at = useRef({ pointer: false, focus: false });
  const region = useRef<HTMLDivElement>(null);
  const hold = (what: 'pointer' | 'focus', on: boolean) => {
    at.current = { ...at.current, [what]: on };
    onHold?.(at.current.pointer || at.current.focus);
  };
  // A new message (or none): the focus is read again, since a focused button that went with the
  // last one may have left without a focusout, which would hold the next toast for good; and the
  // new toast is held at once if the pointer or the focus is on it already (show() starts unheld).
  useLayoutEffect(() => {
    at.current = { ...at.current, focus: region.current?.contains(document.activeElement) === true };
    if (message !== undefined) onHold?.(at.current.pointer || at.current.focus);
  }, [message]);
  // Ctrl+Z undoes a deletion from wherever the focus is (the next row has it), without the Tabs
  // to the toast's button. A layout effect: listening as soon as the button is there. With
  // nothing to undo it does nothing: Chrome's own undo would move the focus into the search
  // field and put back what was typed there before.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'z') return;
      if (event.shiftKey || inTextField(event.target)) return;
      event.preventDefault();
      if (action?.undoKey === true) action.run();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [action]);
  // The region stays in the DOM, empty, so screen readers announce what is put into it.
  return (
    <div
      ref={region}
      class={message ? 'toast visible' : 'toast'}
      role="status"
      aria-live="polite"
      data-testid="toast"
      onMouseEnter={() => hold('pointer', true)}
      onMouseLeave={() => hold('pointer', false)}
      onFocusIn={() => hold('focus', true)}
      onFocusOut={() => hold('focus', false)}
    >
      {/* A new element per message: the same text again (a second copy) is said again, which a
          text left as it was is not (found by an accessibility review). */}
      {message && <span key={message.id}>{message.text}</span>}
      {action && (
        <button
          type="button"
          class="button small"
          data-testid={action.testId ?? 'undo'}
          aria-keyshortcuts={action.undoKey === true ? 'Control+Z' : undefined}
          onClick={action.run}
        >
          {action.label}
        </button>
      )}
    </div>
  );
}
