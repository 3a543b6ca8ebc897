import { t } from '../t';

/** Filters the list by name, issuer and label; shown only when the list is long. */
export function SearchField({ value, onInput }: { value: string; onInput: (value: string) => void }) {
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
    </div>
  );
}
