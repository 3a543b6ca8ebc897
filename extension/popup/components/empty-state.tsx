import { openOptionsFromPopup } from '../open-options-from-popup';
import { t } from '../t';

export interface EmptyStateProps {
  /** False when the policy switched import off: no "Importeren" leading to a page that only says so. */
  readonly allowImport?: boolean;
  /**
   * No passphrase is set: say to set one before the first account, which a copy of the profile
   * could otherwise read (docs/deployment.md), with a button to "Vergrendeling".
   */
  readonly suggestPassphrase?: boolean;
}

/**
 * What a new user should do, in one sentence; without a passphrase, to set one first (shared
 * computers); and "Importeren" for those who have codes elsewhere.
 */
export function EmptyState({ allowImport = true, suggestPassphrase = false }: EmptyStateProps) {
  return (
    <div class="empty">
      <p data-testid="empty">{t('emptyState')}</p>
      {suggestPassphrase && (
        <>
          <p class="notice" data-testid="empty-passphrase-hint">
            {t('emptyPassphraseHint')}
          </p>
          <button
            type="button"
            class="button secondary"
            data-testid="empty-set-passphrase"
            onClick={() => openOptionsFromPopup('lock')}
          >
            {t('passphraseSetButton')}
          </button>
        </>
      )}
      {allowImport && (
        <>
          <p>{t('emptyImportHint')}</p>
          <button
            type="button"
            class="button secondary"
            data-testid="empty-import"
            onClick={() => openOptionsFromPopup()}
          >
            {t('emptyImport')}
          </button>
        </>
      )}
    </div>
  );
}
