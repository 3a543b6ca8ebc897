import { t } from '../t';

/** Accounts that failed their integrity check: kept as they are, and said calmly. */
export function DamagedNotice({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <p class="notice" role="status" data-testid="damaged">
      {count === 1 ? t('damagedOne') : t('damagedMany', count)}
    </p>
  );
}
