import type { Language } from '../i18n/translator';

/**
 * The portal's users are in the Netherlands, its servers often run on UTC: times are shown in
 * Dutch time (summer and winter time included), not in the server's time zone.
 */
export const PORTAL_TIME_ZONE = 'Europe/Amsterdam';

/**
 * A moment in Dutch time: "28-11-2026 14:05" (nl) or "28 Nov 2026 14:05" (en: the month by name,
 * as "03/12/2026" reads as 12 March to a reader from the US), 24-hour clock, the date and the
 * time with a space between; `seconds: true` adds them ("14:05:09"), for the outbox.
 */
export function formatDate(unixSeconds: number, lang: Language, { seconds = false } = {}): string {
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const moment = new Date(unixSeconds * 1000);
  const date = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: lang === 'nl' ? '2-digit' : 'short',
    year: 'numeric',
    timeZone: PORTAL_TIME_ZONE,
  }).format(moment);
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZone: PORTAL_TIME_ZONE,
  }).format(moment);
  return `${date} ${time}`;
}
