import { t } from '../t';

/** What a new user should do, in one sentence. */
export function EmptyState() {
  return (
    <p class="empty" data-testid="empty">
      {t('emptyState')}
    </p>
  );
}
