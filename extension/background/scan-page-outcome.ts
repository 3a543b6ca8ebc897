import type { LastScan } from '../last-scan';
import type { ScanPageOutcome } from '../messages';

/**
 * What the page that was scanned may hear of a scan (SECURITY #24): which toast to show, never a
 * name, a site or why a QR code was refused; the popup tells the rest.
 */
export function scanPageOutcome(scan: LastScan): ScanPageOutcome {
  switch (scan.status) {
    case 'added':
    case 'duplicate':
      return 'done';
    case 'held':
      return 'held';
    case 'no-qr':
      return 'no-code';
    case 'unusable':
    case 'not-otp':
    case 'invalid':
    case 'import-off':
    case 'capture-failed':
    case 'vault-failed':
    case 'not-started':
      return 'failed';
  }
}
