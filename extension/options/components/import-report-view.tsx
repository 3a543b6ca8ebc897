import { t } from '../../popup/t';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import type { ImportReport } from '../import-report';
import { ReportLines } from './report-lines';

/** After an import: how many were stored, and every account not stored with its reason. */
export function ImportReportView({ report }: { readonly report: ImportReport }) {
  // It replaces the preview whose button had the focus.
  const ref = useFocusOnMount<HTMLElement>();
  return (
    <section data-testid="import-report" class="notice" tabIndex={-1} ref={ref}>
      <p>{t('importReport', report.imported)}</p>
      <ReportLines heading={t('importReportSkipped', report.skipped.length)} lines={report.skipped} />
      <ReportLines
        heading={t('importReportUnreadable', report.unreadable.length)}
        lines={report.unreadable}
      />
    </section>
  );
}
