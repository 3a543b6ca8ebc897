import { openOptions } from '../open-options';
import { t } from '../t';

export interface EmptyStateProps {
  /** False when the policy switched import off: no "Importeren" leading to a page that only says so. */
  readonly allowImport?: boolean;
}

/** What a new user should do, in one sentence; and "Importeren" for those who have codes elsewhere. */
export function EmptyState({ allowImport = true }: EmptyStateProps) {
  return (
    <div class="empty">
      <p data-testid="empty">{t('emptyState')}</p>
      {allowImport && (
        <>
          <p>{t('emptyImportHint')}</p>
          <button
            type="button"
            class="button secondary"
            data-testid="empty-import"
            onClick={() => {
              void openOptions().then((opened) => opened && window.close());
            }}
          >
            {t('emptyImport')}
          </button>
        </>
      )}
    </div>
  );
}
