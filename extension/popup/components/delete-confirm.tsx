import { useEffect, useRef } from 'preact/hooks';
import { isolateText } from '../isolate-text';
import { t } from '../t';

interface DeleteConfirmProps {
  readonly name: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** Asks before deleting; focus goes to Cancel, so a stray Enter deletes nothing. */
export function DeleteConfirm({ name, onConfirm, onCancel }: DeleteConfirmProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onCancel();
  };
  return (
    <fieldset class="confirm">
      <legend>{t('confirmDelete', isolateText(name))}</legend>
      <button
        type="button"
        class="button small danger"
        data-testid="confirm-delete"
        onClick={onConfirm}
        onKeyDown={cancelOnEscape}
      >
        {t('delete')}
      </button>
      <button
        ref={cancel}
        type="button"
        class="button small secondary"
        onClick={onCancel}
        onKeyDown={cancelOnEscape}
      >
        {t('cancel')}
      </button>
    </fieldset>
  );
}
