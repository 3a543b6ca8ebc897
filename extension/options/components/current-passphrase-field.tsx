import type { Ref } from 'preact';
import { t } from '../../popup/t';
import { fieldMarks } from '../field-marks';

export interface CurrentPassphraseFieldProps {
  /** The input's id and name; its hint is `${id}-hint`. */
  readonly id: string;
  readonly testId: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly inputRef: Ref<HTMLInputElement>;
  /** The message about this field, when there is one (its id), and whether what was typed was refused. */
  readonly message?: { readonly id: string; readonly invalid: boolean } | undefined;
  /** The warning above the field (its id), read with it: whoever tabs into the field hears it. */
  readonly warningId?: string | undefined;
}

/**
 * "Huidige wachtwoordzin" with an export that reveals secrets (docs/security.md, "Exports"), worded
 * as in "Vergrendeling"; the hint says which passphrase, beside the backup's own file password.
 */
export function CurrentPassphraseField({
  id,
  testId,
  value,
  onInput,
  inputRef,
  message,
  warningId,
}: CurrentPassphraseFieldProps) {
  const described = warningId === undefined ? `${id}-hint` : `${warningId} ${id}-hint`;
  return (
    <div class="field">
      <label for={id}>{t('passphraseCurrent')}</label>
      <input
        ref={inputRef}
        id={id}
        name={id}
        type="password"
        autocomplete="current-password"
        data-testid={testId}
        {...fieldMarks(message !== undefined, message?.invalid === true, message?.id ?? '', described)}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <p id={`${id}-hint`} class="field-hint">
        {t('exportCurrentPassphraseHint')}
      </p>
    </div>
  );
}
