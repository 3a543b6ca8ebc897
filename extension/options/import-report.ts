import type { DuplicateOf, ImportResult, RejectReason } from '../import';
import { entryName } from '../import/collect-entries';
import { leftOutEntries } from './left-out-entries';

export interface ReportLine {
  readonly name: string;
  readonly reason: RejectReason | 'duplicate' | 'repeated' | 'deselected';
}

/** What the report after an import says: how many were stored, which were skipped or unreadable, and why. */
export interface ImportReport {
  readonly imported: number;
  readonly skipped: readonly ReportLine[];
  readonly unreadable: readonly ReportLine[];
}

/** The report of storing the `selected` accounts of `result`; `duplicates` marks those already there or earlier in the file. */
export function importReport(
  result: ImportResult,
  duplicates: readonly DuplicateOf[],
  selected: readonly boolean[],
): ImportReport {
  const skipped: ReportLine[] = [];
  result.accounts.forEach((account, i) => {
    if (selected[i]) return;
    skipped.push({
      // The name the user gave it, when the file keeps one: twins are told apart, as in the preview.
      name: account.name || entryName(account.issuer, account.label),
      reason: duplicates[i] === 'list' ? 'duplicate' : duplicates[i] === 'file' ? 'repeated' : 'deselected',
    });
  });
  const leftOut = leftOutEntries(result);
  return {
    imported: selected.filter(Boolean).length,
    skipped: [...skipped, ...leftOut.skipped],
    unreadable: leftOut.unreadable,
  };
}
