import { openOptionsFromPopup } from '../open-options-from-popup';
import { t } from '../t';

export interface PassphraseShortNoticeProps {
  /** The minimum the organisation requires now (minPassphraseLength). */
  readonly minLength: number;
}

/**
 * After an unlock with a passphrase shorter than the minimum now in force: the codes are shown
 * as usual (staff still need them), and this says so once, with the way to change it (the
 * options page's "Vergrendeling", the new passphrase's field focused).
 */
export function PassphraseShortNotice({ minLength }: PassphraseShortNoticeProps) {
  return (
    <div class="notice row-gap" role="status" data-testid="passphrase-short">
      <p>{t('passphraseShortNotice', minLength)}</p>
      <button
        type="button"
        class="button small"
        data-testid="passphrase-change"
        onClick={() => openOptionsFromPopup('lock')}
      >
        {t('passphraseChangeButton')}
      </button>
    </div>
  );
}
