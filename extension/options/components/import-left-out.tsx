import type { ImportResult } from '../../import';
import { t } from '../../popup/t';
import { leftOutEntries } from '../left-out-entries';
import { ReportLines } from './report-lines';

/**
 * In the preview, before anything is stored: the file's entries that will not be imported however
 * the boxes are ticked (Steam, MD5, a broken secret …), named with the reason, as the report after
 * the import lists them; so the user can stop and bring a better export first. Nothing when none.
 */
export function ImportLeftOut({ result }: { readonly result: ImportResult }) {
  const { skipped, unreadable } = leftOutEntries(result);
  if (skipped.length === 0 && unreadable.length === 0) return null;
  return (
    <div class="notice" data-testid="import-left-out">
      <p>{t('importPreviewLeftOut')}</p>
      <ReportLines heading={t('importReportSkipped', skipped.length)} lines={skipped} />
      <ReportLines heading={t('importReportUnreadable', unreadable.length)} lines={unreadable} />
    </div>
  );
}
