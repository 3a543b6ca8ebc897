import { useEffect, useRef, useState } from 'preact/hooks';
import { recordActivity } from '../../activity/record-activity';
import { encryptBackup } from '../../backup';
import { passphraseRefusalText } from '../../lock/passphrase-refusal-text';
import { useWaitOver } from '../../lock/use-wait-over';
import { focusLost } from '../../popup/hooks/use-keep-focus';
import { t } from '../../popup/t';
import { datedName, downloadFile } from '../download-file';
import { exportFailureMessage } from '../export-failure-message';
import { fieldMarks } from '../field-marks';
import type { FieldStatus } from '../field-status';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from '../passphrase-strength';
import { usePassphraseField } from '../use-passphrase-field';
import { CurrentPassphraseField } from './current-passphrase-field';
import type { ExportProps } from './export-props';

const STRENGTH = {
  weak: 'exportStrengthWeak',
  guessable: 'strengthGuessable',
  fair: 'exportStrengthFair',
  strong: 'exportStrengthStrong',
} as const;

type Field = 'current' | 'passphrase' | 'confirm';

/**
 * The encrypted backup: a passphrase entered twice (with a strength hint), then a download; with a
 * passphrase on the vault, that one too, first, as in "Vergrendeling".
 */
export function BackupExport({ loadAccounts, passphraseSet }: ExportProps) {
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  /** What the last save did (the button, disabled while the backup was made, loses the focus). */
  const [status, setStatus] = useState<FieldStatus<Field> | null>(null);
  const [busy, setBusy] = useState(false);
  const [withField, fieldAsked] = usePassphraseField(passphraseSet);
  const strength = passphraseStrength(passphrase);
  const currentField = useRef<HTMLInputElement>(null);
  const passphraseField = useRef<HTMLInputElement>(null);
  const confirmField = useRef<HTMLInputElement>(null);
  const message = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (status?.waited === true) return;
    if (status?.focus === true) message.current?.focus();
    if (status?.field === 'current') currentField.current?.focus();
    if (status?.field === 'passphrase') passphraseField.current?.focus();
    if (status?.field === 'confirm') confirmField.current?.focus();
  }, [status]);
  useWaitOver(status, setStatus);
  const marks = (field: 'passphrase' | 'confirm', hint?: string) =>
    fieldMarks(status?.field === field, true, 'export-status', hint);

  async function save() {
    // Said before anything is checked, so that it costs no try.
    if (passphraseSet && current === '')
      return setStatus({ ...passphraseRefusalText({ status: 'empty' }), error: true, field: 'current' });
    if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
      return setStatus({ error: true, text: t('exportTooWeak'), field: 'passphrase' });
    if (passphrase !== confirmation)
      return setStatus({ error: true, text: t('exportMismatch'), field: 'confirm' });
    setBusy(true);
    setStatus({ error: false, text: t('importBusy') });
    try {
      const loaded = await loadAccounts(current);
      // Wrong (or the wait runs): said on that field; the file password stays as typed.
      if (loaded.status !== 'confirmed') {
        fieldAsked();
        return setStatus({ ...passphraseRefusalText(loaded), error: true, field: 'current' });
      }
      const { accounts } = loaded;
      if (accounts.length === 0) return setStatus({ error: true, text: t('exportNone'), focus: focusLost() });
      downloadFile(
        datedName('authenticator-backup', 'json'),
        await encryptBackup(accounts, passphrase),
        'application/json',
      );
      void recordActivity({ kind: 'exported', what: 'backup', count: accounts.length });
      setCurrent('');
      setPassphrase('');
      setConfirmation('');
      setStatus({
        error: false,
        text: accounts.length === 1 ? t('exportDoneOne') : t('exportDone', accounts.length),
        focus: focusLost(),
      });
    } catch (error) {
      // Refused by a setting read at this moment (export-failure-message.ts), or failed.
      setStatus({ error: true, text: t(exportFailureMessage(error)), focus: focusLost() });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="backup-heading" class="row-gap">
      <h3 id="backup-heading">{t('exportBackupHeading')}</h3>
      <p>{t('exportBackupIntro')}</p>
      <button
        type="button"
        class="button"
        data-testid="export-backup"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {t('exportBackup')}
      </button>
      {open && (
        <form
          class="row-gap"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          {withField && (
            <CurrentPassphraseField
              id="backup-current-passphrase"
              testId="export-backup-passphrase"
              value={current}
              onInput={setCurrent}
              inputRef={currentField}
              message={
                status?.field === 'current'
                  ? { id: 'export-status', invalid: status.invalid === true }
                  : undefined
              }
            />
          )}
          <div class="field">
            <label for="export-passphrase">{t('exportPassphraseLabel')}</label>
            <input
              id="export-passphrase"
              name="export-passphrase"
              type="password"
              autocomplete="new-password"
              ref={passphraseField}
              {...marks('passphrase', 'export-strength')}
              value={passphrase}
              onInput={(event) => setPassphrase(event.currentTarget.value)}
            />
            <p id="export-strength" class="field-hint" aria-live="polite">
              {passphrase === '' ? '' : t(STRENGTH[strength])}
            </p>
          </div>
          <div class="field">
            <label for="export-passphrase-confirm">{t('exportPassphraseConfirmLabel')}</label>
            <input
              id="export-passphrase-confirm"
              name="export-passphrase-confirm"
              type="password"
              autocomplete="new-password"
              ref={confirmField}
              {...marks('confirm')}
              value={confirmation}
              onInput={(event) => setConfirmation(event.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button" data-testid="export-confirm" disabled={busy}>
            {t('exportConfirm')}
          </button>
        </form>
      )}
      {status !== null && (
        <p
          ref={message}
          tabIndex={-1}
          id="export-status"
          class={status.error ? 'notice error' : 'notice'}
          // A message that takes the focus is read for that; a live role too would read it twice.
          role={status.focus === true ? undefined : status.error ? 'alert' : 'status'}
          data-testid="export-status"
        >
          {status.text}
        </p>
      )}
    </section>
  );
}
