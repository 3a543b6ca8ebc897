import { useEffect, useRef, useState } from 'preact/hooks';
import { recordActivity } from '../../activity/record-activity';
import { confirmCurrentPassphrase } from '../../lock/confirm-current-passphrase';
import { passphraseRefusalText } from '../../lock/passphrase-refusal-text';
import type { UnlockResult } from '../../lock/unlock-with-passphrase';
import { useWaitOver } from '../../lock/use-wait-over';
import { focusLost } from '../../popup/hooks/use-keep-focus';
import { type MessageKey, t } from '../../popup/t';
import { PolicyRefusedError } from '../../settings/policy-refused-error';
import type { SessionKey, Vault } from '../../vault';
import { fieldMarks } from '../field-marks';
import type { FieldStatus } from '../field-status';
import { passphraseStrength } from '../passphrase-strength';
import { removeVaultPassphrase } from '../remove-vault-passphrase';

/** The strength hint, with the organisation's minimum where the passphrase is too short for it. */
function strengthHint(passphrase: string, minLength: number): string {
  switch (passphraseStrength(passphrase, minLength)) {
    case 'weak':
      return t('passphraseStrengthWeak', minLength);
    case 'guessable':
      return t('strengthGuessable');
    case 'fair':
      return t('exportStrengthFair');
    case 'strong':
      return t('exportStrengthStrong');
  }
}

export interface PassphraseSettingsProps {
  readonly openVault: () => Promise<Vault>;
  /** Whether the vault has a passphrase now (no device slot). */
  readonly passphraseSet: boolean;
  readonly minLength: number;
  /** The policy requires a passphrase: it can be changed, not removed. */
  readonly required: boolean;
  /**
   * allowErase: the organisation may switch off erasing, the way back from a forgotten passphrase;
   * the intro then says to ask the IT person (found by QA: it pointed to the erase button).
   */
  readonly eraseAllowed: boolean;
  /** Checks the current passphrase through the throttle (changing or removing needs it). */
  readonly verify: (passphrase: string) => Promise<UnlockResult>;
  /** Keeps the new slot's session key, so this browser stays unlocked. */
  readonly keepSession: (session: SessionKey | undefined) => Promise<void>;
  readonly onChanged: (passphraseSet: boolean) => void;
  /**
   * How often the popup's "Wachtwoordzin instellen" asked for this section (use-section-requests.ts):
   * above 0 the new passphrase's field has the focus when the section appears, and again at each
   * further request.
   */
  readonly focusNew?: number;
}

type Field = 'current' | 'new' | 'confirm';

/** What the last save or removal did (the message takes the focus when the passphrase was removed). */
type Status = FieldStatus<Field> | null;

/** Set, change or remove the vault's passphrase: entered twice, with a strength hint. */
export function PassphraseSettings(props: PassphraseSettingsProps) {
  const { passphraseSet, minLength, required, focusNew = 0 } = props;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const newField = useRef<HTMLInputElement>(null);
  const currentField = useRef<HTMLInputElement>(null);
  const confirmField = useRef<HTMLInputElement>(null);
  const message = useRef<HTMLParagraphElement>(null);
  // When the section appears, and at each new request; focusing also scrolls it into view.
  useEffect(() => {
    if (focusNew > 0) newField.current?.focus();
  }, [focusNew]);
  // A refusal puts the focus in the field it is about: the message sits below the buttons, out of
  // view at a larger zoom, and a screen reader reads it with the field.
  useEffect(() => {
    if (status?.waited === true) return;
    if (status?.focus === true) message.current?.focus();
    const field = status?.field;
    if (field === undefined) return;
    const fields = { current: currentField, new: newField, confirm: confirmField };
    fields[field].current?.focus();
  }, [status]);
  useWaitOver(status, setStatus);
  const marks = (field: Field, hint?: string) =>
    fieldMarks(status?.field === field, status?.invalid === true, 'passphrase-message', hint);

  /**
   * The current passphrase's field, left empty while one is set: said on that field, before
   * anything is checked, so that no wrong try is counted against the wait between tries.
   */
  function currentMissing(): boolean {
    if (!passphraseSet || current !== '') return false;
    setStatus({ ...passphraseRefusalText({ status: 'empty' }), error: true, field: 'current' });
    return true;
  }

  /** Runs a change after checking the current passphrase (when one is set); `failed` if it fails. */
  async function run(
    change: (vault: Vault) => Promise<boolean>,
    done: string,
    failed: MessageKey,
    focusDone = false,
  ) {
    setBusy(true);
    setStatus({ error: false, text: t('importBusy') });
    try {
      const proof = await confirmCurrentPassphrase(passphraseSet, current, props.verify);
      if (proof.status !== 'confirmed')
        return setStatus({ ...passphraseRefusalText(proof), error: true, field: 'current' });
      const vault = await props.openVault();
      let set: boolean;
      try {
        set = await change(vault);
      } finally {
        vault.close();
      }
      setCurrent('');
      setNext('');
      setConfirmation('');
      // The button, disabled while this ran, lost the focus: the message takes it.
      setStatus({ error: false, text: done, focus: focusDone || focusLost() });
      props.onChanged(set);
    } catch (error) {
      // The policy, read at the removal, requires a passphrase: it stays, and the page says why.
      const refused = error instanceof PolicyRefusedError;
      setStatus({
        error: true,
        text: t(refused ? 'passphraseRequired' : failed),
        focus: focusLost(),
      });
    } finally {
      setBusy(false);
    }
  }

  function save() {
    if (currentMissing()) return;
    if ([...next].length < minLength)
      return setStatus({
        error: true,
        text: t('passphraseTooShort', minLength),
        field: 'new',
        invalid: true,
      });
    if (next !== confirmation)
      return setStatus({ error: true, text: t('passphraseMismatch'), field: 'confirm', invalid: true });
    void run(
      async (vault) => {
        await props.keepSession(await vault.setPassphrase(next));
        await recordActivity({ kind: passphraseSet ? 'passphrase-changed' : 'passphrase-set' });
        return true;
      },
      t('passphraseSaved'),
      'passphraseFailed',
    );
  }

  function remove() {
    if (currentMissing()) return;
    void run(
      async (vault) => {
        await removeVaultPassphrase(vault);
        await recordActivity({ kind: 'passphrase-removed' });
        await props.keepSession(undefined);
        return false;
      },
      t('passphraseRemoved'),
      'passphraseRemoveFailed',
      true,
    );
  }

  return (
    <form
      class="row-gap"
      data-testid="passphrase-settings"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <p>{t(props.eraseAllowed ? 'passphraseIntro' : 'passphraseIntroNoErase')}</p>
      <p class={passphraseSet ? 'notice' : 'notice error'} data-testid="passphrase-status">
        {/* Under requirePassphrase the popup shows no codes until one is set: nobody can see them. */}
        {t(passphraseSet ? 'passphraseIsSet' : required ? 'passphraseNotSetRequired' : 'passphraseNotSet')}
      </p>
      {passphraseSet && (
        <div class="field">
          <label for="current-passphrase">{t('passphraseCurrent')}</label>
          <input
            id="current-passphrase"
            name="current-passphrase"
            type="password"
            autocomplete="current-password"
            ref={currentField}
            {...marks('current')}
            value={current}
            onInput={(event) => setCurrent(event.currentTarget.value)}
          />
        </div>
      )}
      <div class="field">
        <label for="new-passphrase">{t('passphraseNew')}</label>
        <input
          ref={newField}
          id="new-passphrase"
          name="new-passphrase"
          type="password"
          autocomplete="new-password"
          {...marks('new', 'new-passphrase-strength')}
          value={next}
          onInput={(event) => setNext(event.currentTarget.value)}
        />
        <p id="new-passphrase-strength" class="field-hint" aria-live="polite">
          {next === '' ? '' : strengthHint(next, minLength)}
        </p>
      </div>
      <div class="field">
        <label for="new-passphrase-confirm">{t('passphraseConfirm')}</label>
        <input
          id="new-passphrase-confirm"
          name="new-passphrase-confirm"
          type="password"
          autocomplete="new-password"
          ref={confirmField}
          {...marks('confirm')}
          value={confirmation}
          onInput={(event) => setConfirmation(event.currentTarget.value)}
        />
      </div>
      <div class="form-buttons">
        <button type="submit" class="button" data-testid="save-passphrase" disabled={busy}>
          {t('passphraseSave')}
        </button>
        {passphraseSet && (
          <button
            type="button"
            class="button secondary"
            data-testid="remove-passphrase"
            disabled={busy || required}
            onClick={remove}
          >
            {t('passphraseRemove')}
          </button>
        )}
      </div>
      {passphraseSet && required && <p class="field-hint">{t('passphraseRequired')}</p>}
      {status !== null && (
        <p
          ref={message}
          tabIndex={-1}
          id="passphrase-message"
          class={status.error ? 'notice error' : 'notice'}
          // A message that takes the focus is read for that; a live role too would read it twice.
          role={status.focus === true ? undefined : status.error ? 'alert' : 'status'}
          data-testid="passphrase-message"
        >
          {status.text}
        </p>
      )}
    </form>
  );
}
