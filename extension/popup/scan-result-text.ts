import type { LastScan } from '../last-scan';
import { siteName } from '../otp/site-origin';
import { isolateList, isolateText } from './isolate-text';
import { SCAN_REFUSAL_MESSAGE } from './scan-refusal-message';
import { t } from './t';

/** The sentence that says what the scan did, per status. */
function outcomeText(scan: LastScan): string {
  switch (scan.status) {
    case 'added':
      return scan.names.length === 1
        ? t('added', isolateText(scan.names[0] ?? ''))
        : t('scanAddedMany', scan.names.length);
    case 'duplicate':
      return t('scanDuplicate', isolateList(scan.names));
    case 'unusable':
      return t('scanUnusable');
    case 'no-qr':
      return t('scanNoQr');
    case 'not-otp':
      return scan.content.kind === 'url' ? t('scanUrl', isolateText(scan.content.host)) : t('scanText');
    case 'invalid':
      // A name too long to store is told as such: the code is whole, the service made it so.
      if (scan.error === 'issuer-too-long' || scan.error === 'label-too-long') return t('scanNameTooLong');
      // Whatever else the defect (no secret, a short one, an unknown algorithm...), the user cannot
      // mend a QR code: the manual form's field advice would not apply. The error stays in lastScan.
      return t('scanDamaged');
    case 'capture-failed':
      return t('scanCaptureFailed');
    case 'held':
      return t('scanHeld');
    case 'import-off':
      return t('scanImportOff');
    case 'vault-failed':
      return t('scanVaultFailed');
    case 'not-started':
      return t(SCAN_REFUSAL_MESSAGE[scan.reason]);
  }
}

/** The sentences that tell the user what the last scan did (none contain a secret or a code). */
export function scanResultText(scan: LastScan): string[] {
  const lines = [outcomeText(scan)];
  if ('foundOutsideSelection' in scan && scan.foundOutsideSelection) lines.push(t('scanOutside'));
  if (scan.status === 'duplicate' && scan.linkedSite !== undefined)
    lines.push(t('scanLinkedSite', isolateText(siteName(scan.linkedSite))));
  if (scan.status === 'added') {
    // Which site the accounts now belong to: a wrong one (a mail page, a shared document) shows here.
    if (scan.site !== undefined) lines.push(t('scanSite', isolateText(siteName(scan.site))));
    else if (scan.foundOutsideSelection) lines.push(t('scanNoSite'));
    // Two rows would read the same: the new one is named, so the right one is picked later.
    if (scan.namesake === true) lines.push(t('scanNamesake'));
    // One account from a portal's QR code: the manual's next step (8), which completes the pairing.
    // Several come from an export of another app, which has no such step.
    if (scan.names.length === 1) lines.push(t('scanAddedNext'));
  }
  if ('skipped' in scan) lines.push(...skippedText(scan.skipped, scan.skippedLongNames));
  return lines;
}

/**
 * Why accounts of an export were left out: an unsupported algorithm or a too short key, or a name
 * longer than 200 characters, each with its count. When the two were not counted apart (a scan
 * stored at an unlock), one sentence names every reason.
 */
function skippedText(skipped: number, longNames: number | undefined): string[] {
  if (skipped <= 0) return [];
  if (longNames === undefined)
    return [skipped === 1 ? t('scanSkippedAnyReasonOne') : t('scanSkippedAnyReason', skipped)];
  const unsupported = skipped - longNames;
  const lines: string[] = [];
  if (unsupported > 0) lines.push(unsupported === 1 ? t('scanSkippedOne') : t('scanSkipped', unsupported));
  if (longNames > 0)
    lines.push(longNames === 1 ? t('scanSkippedLongNameOne') : t('scanSkippedLongNames', longNames));
  return lines;
}
