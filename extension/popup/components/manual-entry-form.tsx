import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_TOTP, OTP_ALGORITHMS } from '../../../shared/otp-parameters';
import {
  type AccountDraft,
  accountDraftFromFields,
  cleanAccountNames,
  displayName,
  OtpInputError,
} from '../../otp';
import { type FormFieldName, fieldForError } from '../field-for-error';
import { t } from '../t';
import { FormField } from './form-field';

interface ManualEntryFormProps {
  readonly onSave: (draft: AccountDraft) => Promise<unknown>;
  readonly onCancel: () => void;
}

const FIELDS = ['secret', 'issuer', 'label', 'type', 'algorithm', 'digits', 'period', 'counter'] as const;
const ADVANCED: readonly FormFieldName[] = ['type', 'algorithm', 'digits', 'period', 'counter'];

/** Manual entry of a secret key, validated by the same code as a scanned otpauth:// URI. */
export function ManualEntryForm({ onSave, onCancel }: ManualEntryFormProps) {
  /**
   * The error and its field. `spoken`: the field had the focus already, so moving the focus there
   * says nothing: the error is said by an alert instead, a new one per try (found by an
   * accessibility review: a wrong key, Enter, and silence).
   */
  const [error, setError] = useState<{ field: FormFieldName; message: string; spoken?: number }>();
  const [advanced, setAdvanced] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const errorField = error?.field;

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[name="secret"]')?.focus();
  }, []);
  useEffect(() => {
    if (errorField !== undefined) form.current?.querySelector<HTMLElement>(`[name="${errorField}"]`)?.focus();
  }, [error]);

  function showError(field: FormFieldName, message: string) {
    const focused = document.activeElement?.getAttribute('name') === field;
    setError((before) => ({ field, message, ...(focused ? { spoken: (before?.spoken ?? 0) + 1 } : {}) }));
  }

  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const fields = Object.fromEntries(FIELDS.map((name) => [name, String(data.get(name) ?? '')]));
    let draft: AccountDraft;
    try {
      draft = accountDraftFromFields(fields);
    } catch (caught) {
      if (!(caught instanceof OtpInputError)) throw caught;
      const { field, message } = fieldForError(caught.code);
      if (ADVANCED.includes(field)) setAdvanced(true);
      showError(field, t(message));
      return;
    }
    // A scan or an import may bring an account without a name; typed by hand, a row of bare digits
    // would be one nobody recognises (or dares to delete) later.
    if (displayName(cleanAccountNames(draft)) === '') {
      showError('issuer', t('errorMissingName'));
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await onSave(draft);
    } finally {
      setBusy(false);
    }
  }

  const err = (field: FormFieldName) => (error?.field === field ? error.message : undefined);
  return (
    <form
      ref={form}
      id="manual-entry"
      class="manual-entry"
      aria-labelledby="manual-entry-title"
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => {
        // Not with a secret typed (the first field): a stray Escape must not lose it; "Annuleren" does.
        if (event.key !== 'Escape') return;
        if (form.current?.querySelector('input')?.value) event.preventDefault();
        else onCancel();
      }}
    >
      <h2 id="manual-entry-title">{t('manualTitle')}</h2>
      {error?.spoken !== undefined && (
        <p key={error.spoken} class="sr-only" role="alert">
          {error.message}
        </p>
      )}
      <FormField name="secret" label={t('secretLabel')} hint={t('secretHint')} error={err('secret')} />
      <FormField name="issuer" label={t('issuerLabel')} error={err('issuer')} />
      <FormField name="label" label={t('accountLabel')} error={err('label')} />
      <details
        open={advanced}
        onToggle={(event) => setAdvanced((event.currentTarget as HTMLDetailsElement).open)}
      >
        <summary>{t('advanced')}</summary>
        <FormField
          name="type"
          label={t('typeLabel')}
          error={err('type')}
          defaultValue="totp"
          options={[
            { value: 'totp', label: t('typeTotp') },
            { value: 'hotp', label: t('typeHotp') },
          ]}
        />
        <FormField
          name="algorithm"
          label={t('algorithmLabel')}
          error={err('algorithm')}
          defaultValue={DEFAULT_TOTP.algorithm}
          options={OTP_ALGORITHMS.map((value) => ({ value, label: value }))}
        />
        <FormField
          name="digits"
          label={t('digitsLabel')}
          error={err('digits')}
          defaultValue={String(DEFAULT_TOTP.digits)}
          inputMode="numeric"
        />
        <FormField
          name="period"
          label={t('periodLabel')}
          error={err('period')}
          defaultValue={String(DEFAULT_TOTP.period)}
          inputMode="numeric"
        />
        <FormField
          name="counter"
          label={t('counterLabel')}
          error={err('counter')}
          defaultValue="0"
          inputMode="numeric"
        />
      </details>
      <div class="form-buttons">
        <button type="submit" class="button" data-testid="save" disabled={busy}>
          {t('save')}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
