import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_ORIGINS, originFromInput } from '../../otp';
import { isolateText } from '../isolate-text';
import { t } from '../t';
import { IsolatedText } from './isolated-text';

interface Props {
  readonly name: string;
  readonly origins: readonly string[];
  /** Adds one website, to the list as the vault has it then (not this list, which may be older). */
  readonly onAdd: (origin: string) => void;
  /** Removes one website, likewise. */
  readonly onRemove: (origin: string) => void;
  readonly onClose: () => void;
}

/**
 * The websites an account belongs to (issue 12): shown, removable, and more can be added, e.g.
 * the portal's acceptance server. A code is filled into these without asking (SECURITY #35).
 */
export function SitesEditor({ name, origins, onAdd, onRemove, onClose }: Props) {
  const [input, setInput] = useState('');
  const [error, setError] = useState<string>();
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  const add = (event: Event) => {
    event.preventDefault();
    const origin = originFromInput(input);
    if (origin === undefined) return setError(t('sitesInvalid'));
    if (origins.includes(origin)) return setError(t('sitesDuplicate'));
    if (origins.length >= MAX_ORIGINS) return setError(t('sitesTooMany', MAX_ORIGINS));
    setError(undefined);
    setInput('');
    onAdd(origin);
  };
  return (
    <section
      class="sites-editor"
      data-testid="account-origins"
      aria-label={t('sitesFor', isolateText(name))}
      // Escape closes it, as it closes the row's other forms; the focus goes back to the row.
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <p class="sites-help">{t('sitesHelp')}</p>
      {origins.length === 0 ? (
        <p class="empty">{t('sitesNone')}</p>
      ) : (
        <ul class="sites">
          {origins.map((origin) => (
            <li key={origin} data-origin={origin}>
              <IsolatedText class="site" text={origin} />
              <button
                type="button"
                class="button small secondary"
                aria-label={t('sitesRemove', isolateText(origin))}
                onClick={() => onRemove(origin)}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="sites-add" onSubmit={add}>
        <label for="site-input">{t('sitesAdd')}</label>
        <input
          ref={field}
          id="site-input"
          name="origin"
          type="text"
          inputMode="url"
          placeholder={t('sitesPlaceholder')}
          value={input}
          aria-invalid={error !== undefined}
          aria-describedby={error === undefined ? undefined : 'site-error'}
          onInput={(e) => setInput(e.currentTarget.value)}
        />
        <button type="submit" class="button small">
          {t('add')}
        </button>
      </form>
      {error !== undefined && (
        <p id="site-error" class="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" class="button small secondary" onClick={onClose}>
        {t('close')}
      </button>
    </section>
  );
}
