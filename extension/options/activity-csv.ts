import type { StoredActivity } from '../activity/read-activity';
import { t } from '../popup/t';
import { activityText } from './activity-text';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An entry's event code, when it is one: only a code's own letters, so whatever else a damaged
 * entry holds never reaches a spreadsheet (one starting with "=" would run there as a formula).
 */
export function activityKind(event: unknown): string | undefined {
  const kind = typeof event === 'object' && event !== null ? (event as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && /^[a-z-]{1,40}$/.test(kind) ? kind : undefined;
}

/** "2026-10-25T02:30:00+02:00": the same moment with the offset, unambiguous in the hour the clocks go back. */
export function isoTime(at: number): string {
  if (!Number.isFinite(at)) return '';
  const offset = -new Date(at).getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${localTime(at).replace(' ', 'T')}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "2026-12-02 19:45:12" in the computer's time zone: what a spreadsheet reads as a date and time. */
export function localTime(at: number): string {
  if (!Number.isFinite(at)) return '';
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function field(value: string, separator: string): string {
  return /["\r\n]/.test(value) || value.includes(separator) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The whole log as CSV, oldest first (`entries` as readActivity gives them, newest first; the
 * order of recording, whatever the clock did): the time as a spreadsheet reads it, the event's
 * code (for scripts; the same in every language), its description, and the time in ISO 8601 with
 * the offset. Dutch spreadsheets (Excel with Dutch regional settings) separate
 * fields with a semicolon, English ones with a comma, so the page's language chooses; the byte
 * order mark makes Excel read UTF-8 ("geïmporteerd").
 */
export function activityCsv(entries: readonly StoredActivity[]): string {
  const separator = t('htmlLang') === 'nl' ? ';' : ',';
  const line = (values: readonly string[]) => values.map((v) => field(v, separator)).join(separator);
  const rows = [...entries]
    .reverse()
    .map((entry) =>
      line([
        localTime(entry.at),
        activityKind(entry.event) ?? '',
        activityText(entry.event),
        isoTime(entry.at),
      ]),
    );
  return `\uFEFF${[line([t('activityWhen'), t('activityCsvEvent'), t('activityWhat'), t('activityCsvIso')]), ...rows].join('\r\n')}\r\n`;
}
