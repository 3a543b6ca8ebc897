import { useEffect, useRef } from 'preact/hooks';
import { t } from '../t';

interface RenameFieldProps {
  readonly id: string;
  readonly value: string;
  readonly onSave: (name: string) => void;
  readonly onCancel: () => void;
}

/** Inline editing of the user's own name for an account; Enter saves, Esc cancels. */
export function RenameField({ id, value, onSave, onCancel }: RenameFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const inputId = `rename-${id}`;
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(input.current?.value.trim() ?? '');
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <label for={inputId} class="sr-only">
        {t('renameLabel')}
      </label>
      <input
        ref={input}
        id={inputId}
        name="name"
        data-testid="rename-input"
        dir="auto"
        defaultValue={value}
        autoComplete="off"
        maxLength={100}
      />
      <button type="submit" class="button small" data-testid="rename-save">
        {t('renameSave')}
      </button>
      <button type="button" class="button small secondary" onClick={onCancel}>
        {t('cancel')}
      </button>
    </form>
  );
}
