import { useEffect, useState } from 'preact/hooks';
import { t } from '../t';

/** How long typing must pause before the number found is said: not after every letter. */
export const SEARCH_STATUS_DELAY_MS = 700;

/** What a screen reader is told about a search: how many accounts it found; nothing without one. */
function foundText(query: string, found: number): string {
  if (query.trim() === '') return '';
  if (found === 0) return t('noMatches');
  return found === 1 ? t('searchFoundOne') : t('searchFound', found);
}

/**
 * Filters the list by name, issuer and label; shown only when the list is long. Once typing
 * pauses, a status region says how many accounts were found (the list changes silently).
 */
export function SearchField({
  value,
  found,
  onInput,
}: {
  readonly value: string;
  /** Accounts the search finds now. */
  readonly found: number;
  readonly onInput: (value: string) => void;
}) {
  const [status, setStatus] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setStatus(foundText(value, found)), SEARCH_STATUS_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value, found]);
  return (
    <div class="search">
      <label for="search" class="sr-only">
        {t('searchLabel')}
      </label>
      <input
        id="search"
        type="search"
        name="search"
        data-testid="search"
        placeholder={t('searchPlaceholder')}
        autoComplete="off"
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <p class="sr-only" role="status" data-testid="search-status">
        {status}
      </p>
    </div>
  );
}
