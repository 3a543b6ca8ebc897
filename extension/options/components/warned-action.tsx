import { useEffect, useRef, useState } from 'preact/hooks';
import type { PassphraseRefusal } from '../../lock/confirm-current-passphrase';
import { passphraseRefusalText, type RefusalText } from '../../lock/passphrase-refusal-text';
import { useWaitOver } from '../../lock/use-wait-over';
import { t } from '../../popup/t';
import { usePassphraseField } from '../use-passphrase-field';
import { CurrentPassphraseField } from './current-passphrase-field';

interface WarnedActionProps {
  readonly testId: string;
  readonly label: string;
  readonly warning: string;
  readonly confirmLabel: string;
  /** The vault has a passphrase: the confirmation asks for it (docs/security.md, "Exports"). */
  readonly passphraseSet?: boolean;
  /**
   * Acts, with the current passphrase as typed ('' without the field). A refusal of the passphrase
   * keeps the warning open, its message on the field; anything else the action says itself.
   */
  readonly onConfirm: (passphrase: string) => Promise<PassphraseRefusal | undefined>;
}

/**
 * A button that first shows a warning and acts only on the explicit confirmation under it; with a
 * passphrase on the vault, only with that passphrase typed there.
 */
export function WarnedAction(props: WarnedActionProps) {
  const { testId, label, warning, confirmLabel, passphraseSet = false } = props;
  const [warned, setWarned] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [status, setStatus] = useState<(Partial<RefusalText> & { readonly text: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [withField, fieldAsked] = usePassphraseField(passphraseSet);
  const toggle = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const messageId = `${testId}-passphrase-message`;
  // A refusal puts the focus in the field, which the message describes (as in "Vergrendeling").
  useEffect(() => {
    if (status?.invalid !== undefined && status.waited !== true) field.current?.focus();
  }, [status]);
  useWaitOver(status, setStatus);

  function close() {
    setWarned(false);
    setPassphrase('');
    setStatus(null);
  }

  async function confirm() {
    if (!withField) {
      close();
      // The confirmation goes away: the focus goes back to the button that showed it.
      toggle.current?.focus();
      const refusal = await props.onConfirm('');
      if (refusal === undefined) return;
      setWarned(true);
      fieldAsked();
      return setStatus(passphraseRefusalText(refusal));
    }
    // An empty field is refused here, as the backup's form does: no "Bezig…" read out first, and
    // the check (which would refuse it too) is not asked. Only when the page knows of a
    // passphrase: a field shown for a refusal alone lets the vault decide (it may be gone since).
    if (passphraseSet && passphrase === '') return setStatus(passphraseRefusalText({ status: 'empty' }));
    setBusy(true);
    setStatus({ text: t('importBusy') });
    try {
      const refusal = await props.onConfirm(passphrase);
      if (refusal !== undefined) return setStatus(passphraseRefusalText(refusal));
      close();
      toggle.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        ref={toggle}
        type="button"
        class="button secondary"
        data-testid={testId}
        aria-expanded={warned}
        onClick={() => (warned ? close() : setWarned(true))}
      >
        {label}
      </button>
      {warned && (
        <form
          class="confirm"
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy) void confirm();
          }}
          onKeyDown={(event) => {
            // As the popup's panels: Escape closes the warning, back to the button that opened it.
            // Not while the passphrase is checked: the export would go ahead behind a closed warning.
            if (event.key !== 'Escape' || busy) return;
            event.preventDefault();
            close();
            toggle.current?.focus();
          }}
        >
          <p id={`${testId}-warning`} class="notice error">
            {warning}
          </p>
          {withField && (
            <CurrentPassphraseField
              id={`${testId}-passphrase`}
              testId={`${testId}-passphrase`}
              value={passphrase}
              onInput={setPassphrase}
              inputRef={field}
              warningId={`${testId}-warning`}
              message={status?.invalid === undefined ? undefined : { id: messageId, invalid: status.invalid }}
            />
          )}
          <button type="submit" class="button danger" data-testid={`${testId}-confirm`} disabled={busy}>
            {confirmLabel}
          </button>
          {status !== null && (
            <p
              id={messageId}
              class={status.invalid === undefined ? 'notice' : 'notice error'}
              role={status.invalid === undefined ? 'status' : 'alert'}
              data-testid={messageId}
            >
              {status.text}
            </p>
          )}
        </form>
      )}
    </>
  );
}
