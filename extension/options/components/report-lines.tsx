import { isolateText } from '../../popup/isolate-text';
import { t } from '../../popup/t';
import { REASON_MESSAGES } from '../import-messages';
import type { ReportLine } from '../import-report';

/** A heading ("Overgeslagen: 2") and each entry's name with why it is not imported; nothing when none. */
export function ReportLines({
  heading,
  lines,
}: {
  readonly heading: string;
  readonly lines: readonly ReportLine[];
}) {
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
