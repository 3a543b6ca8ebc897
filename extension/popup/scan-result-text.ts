import type { LastScan } from '../scan/last-scan';
import { t } from './t';

/** The sentences that tell the user what the last scan did (none contain a secret or a code). */
export function scanResultText(scan: LastScan): string[] {
  const lines: string[] = [];
  switch (scan.status) {
    case 'added':
      lines.push(
        scan.names.length === 1 ? t('added', scan.names[0] ?? '') : t('scanAddedMany', scan.names.length),
      );
      break;
    case 'duplicate':
      lines.push(t('scanDuplicate', scan.names.join(', ')));
      break;
    case 'no-qr':
      lines.push(t('scanNoQr'));
      break;
    case 'not-otp':
      lines.push(scan.detail.startsWith('url:') ? t('scanUrl', scan.detail.slice(4)) : t('scanText'));
      break;
    case 'invalid':
      // Whatever the defect (no secret, a short one, an unknown algorithm...), the user cannot mend
      // a QR code: the manual form's field advice would not apply. The detail stays in lastScan.
      lines.push(t('scanDamaged'));
      break;
    case 'capture-failed':
      lines.push(t('scanCaptureFailed'));
      break;
    case 'not-started':
      lines.push(
        t(
          scan.detail === 'forbidden'
            ? 'scanForbidden'
            : scan.detail === 'no-tab'
              ? 'scanNoTab'
              : 'scanFailed',
        ),
      );
      break;
  }
  if (scan.foundOutsideSelection) lines.push(t('scanOutside'));
  if (scan.skipped > 0) lines.push(t('scanSkipped', scan.skipped));
  return lines;
}
