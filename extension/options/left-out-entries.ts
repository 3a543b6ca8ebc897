import { type ImportResult, UNSUPPORTED_REASONS } from '../import';
import type { ReportLine } from './import-report';

/** The entries of a file that are not imported whatever the user ticks, as the report lists them. */
export interface LeftOutEntries {
  /** Read, but with something this extension does not support (Steam, MD5, a too long name …). */
  readonly skipped: readonly ReportLine[];
  /** Not readable as an account (no secret, a broken one …). */
  readonly unreadable: readonly ReportLine[];
}

/** Splits the file's rejected entries as the preview and the report say them: skipped or unreadable. */
export function leftOutEntries(result: ImportResult): LeftOutEntries {
  const skipped: ReportLine[] = [];
  const unreadable: ReportLine[] = [];
  for (const entry of result.rejected)
    (UNSUPPORTED_REASONS.has(entry.reason) ? skipped : unreadable).push(entry);
  return { skipped, unreadable };
}
