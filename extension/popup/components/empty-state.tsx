import { openOptions } from '../open-options';
import { t } from '../t';

/** What a new user should do, in one sentence; and "Importeren" for those who have codes elsewhere. */
export function EmptyState() {
  return (
    <div class="empty">
      <p data-testid="empty">{t('emptyState')}</p>
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
    </div>
  );
}
