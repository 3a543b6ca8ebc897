import { useState } from 'preact/hooks';
import { t } from '../../popup/t';
import { PolicyRefusedError } from '../../settings/policy-refused-error';

export interface EraseVaultSectionProps {
  /** Deletes the vault and the wrong-passphrase wait (lock/erase-locked-vault.ts). */
  readonly erase: () => Promise<void>;
  readonly onErased: () => void;
}

/**
 * The way out of a forgotten passphrase, on the locked options page only: erase every account
 * and the passphrase on this computer and start again. Nothing is revealed, only destroyed; the
 * confirmation word must be typed, so a stray click (or Enter) erases nothing.
 */
export function EraseVaultSection({ erase, onErased }: EraseVaultSectionProps) {
  const [typed, setTyped] = useState('');
  const [status, setStatus] = useState<'idle' | 'busy' | 'failed' | 'refused'>('idle');
  const word = t('eraseConfirmWord');
  const confirmed = typed.trim().toUpperCase() === word.toUpperCase();

  async function submit(event: Event) {
    event.preventDefault();
    if (!confirmed || status === 'busy') return;
    setStatus('busy');
    try {
      await erase();
      onErased();
    } catch (error) {
      // allowErase switched off since the page was drawn: nothing was erased.
      setStatus(error instanceof PolicyRefusedError ? 'refused' : 'failed');
    }
  }

  return (
    <details class="erase-vault" data-testid="erase">
      <summary>{t('eraseSummary')}</summary>
      <p>{t('eraseIntro')}</p>
      <form class="row-gap" onSubmit={(event) => void submit(event)}>
        <div class="field">
          <label for="erase-confirm">{t('eraseConfirmLabel', word)}</label>
          <input
            id="erase-confirm"
            name="erase-confirm"
            autocomplete="off"
            spellcheck={false}
            value={typed}
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
        </div>
        <button
          type="submit"
          class="button danger"
          data-testid="erase-vault"
          disabled={!confirmed || status === 'busy'}
        >
          {t('eraseButton')}
        </button>
        {status === 'failed' && (
          <p class="notice error" role="alert" data-testid="erase-failed">
            {t('eraseFailed')}
          </p>
        )}
        {status === 'refused' && (
          <p class="notice error" role="alert" data-testid="erase-refused">
            {t('erasePolicyOff')}
          </p>
        )}
      </form>
    </details>
  );
}
