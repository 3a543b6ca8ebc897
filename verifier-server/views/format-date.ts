import type { Language } from '../i18n/translator';

/** Unix seconds → "28-11-2026 14:05" (nl) or "28/11/2026, 14:05" (en), in the server's time zone. */
export function formatDate(seconds: number, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(seconds * 1000));
}
