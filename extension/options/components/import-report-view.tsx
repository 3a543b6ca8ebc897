import { isolateText } from '../../popup/isolate-text';
import { t } from '../../popup/t';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { REASON_MESSAGES } from '../import-messages';
import type { ImportReport, ReportLine } from '../import-report';

/** After an import: how many were stored, and every account not stored with its reason. */
export function ImportReportView({ report }: { readonly report: ImportReport }) {
  // It replaces the preview whose button had the focus.
  const ref = useFocusOnMount<HTMLElement>();
  return (
    <section data-testid="import-report" class="notice" tabIndex={-1} ref={ref}>
      <p>{t('importReport', report.imported)}</p>
      <Lines heading={t('importReportSkipped', report.skipped.length)} lines={report.skipped} />
      <Lines heading={t('importReportUnreadable', report.unreadable.length)} lines={report.unreadable} />
    </section>
  );
}

function Lines({ heading, lines }: { readonly heading: string; readonly lines: readonly ReportLine[] }) {
  if (lines.length === 0) return null;
  return (
    <>
      <p>{heading}</p>
      <ul>
        {lines.map((line, i) => (
          <li key={i}>{t('importReportLine', isolateText(line.name), t(REASON_MESSAGES[line.reason]))}</li>
        ))}
      </ul>
    </>
  );
}
