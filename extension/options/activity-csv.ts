import type { ActivityEntry } from '../activity/activity-event';
import { t } from '../popup/t';
import { activityText } from './activity-text';

const pad = (n: number) => String(n).padStart(2, '0');

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
 * order of recording, whatever the clock did): time, the event's code (for scripts; the same in every
 * language) and its description. Dutch spreadsheets (Excel with Dutch regional settings) separate
 * fields with a semicolon, English ones with a comma, so the page's language chooses; the byte
 * order mark makes Excel read UTF-8 ("geïmporteerd").
 */
export function activityCsv(entries: readonly ActivityEntry[]): string {
  const separator = t('htmlLang') === 'nl' ? ';' : ',';
  const line = (values: readonly string[]) => values.map((v) => field(v, separator)).join(separator);
  const rows = [...entries].reverse().map((entry) => {
    const kind = (entry.event as { kind?: unknown } | undefined)?.kind;
    // Only a code's own letters: whatever else a damaged entry holds never reaches a spreadsheet
    // (one starting with "=" would be run there as a formula).
    const code = typeof kind === 'string' && /^[a-z-]{1,40}$/.test(kind) ? kind : '';
    return line([localTime(entry.at), code, activityText(entry.event)]);
  });
  return `\uFEFF${[line([t('activityWhen'), 'event', t('activityWhat')]), ...rows].join('\r\n')}\r\n`;
}
