import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../popup/t';

/** The passphrase of an encrypted file; it is kept only until the file is opened. */
export function PassphraseForm({
  onUnlock,
  onCancel,
}: {
  readonly onUnlock: (passphrase: string) => void;
  readonly onCancel: () => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <form
      class="row-gap"
      onSubmit={(event) => {
        event.preventDefault();
        onUnlock(passphrase);
      }}
    >
      <p>{t('importPassphraseIntro')}</p>
      <div class="field">
        <label for="import-passphrase">{t('importPassphraseLabel')}</label>
        <input
          ref={input}
          id="import-passphrase"
          name="passphrase"
          type="password"
          autocomplete="off"
          value={passphrase}
          onInput={(event) => setPassphrase(event.currentTarget.value)}
        />
      </div>
      <div class="form-buttons">
        <button type="submit" class="button" data-testid="import-unlock" disabled={passphrase === ''}>
          {t('importUnlock')}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
