import type { ToastMessage } from '../hooks/use-toast';

/** The popup's one live region: copied, added, deleted (with undo), failures. */
export function Toast({ message }: { message: ToastMessage | undefined }) {
  // The region stays in the DOM, empty, so screen readers announce what is put into it.
  return (
    <div class={message ? 'toast visible' : 'toast'} role="status" aria-live="polite" data-testid="toast">
      {message && <span>{message.text}</span>}
      {message?.action && (
        <button
          type="button"
          class="button small"
          data-testid={message.action.testId ?? 'undo'}
          onClick={message.action.run}
        >
          {message.action.label}
        </button>
      )}
    </div>
  );
}
