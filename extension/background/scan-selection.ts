import { classifyQrText } from '../capture/classify-qr-text';
import { findQrText } from '../capture/find-qr-text';
import type { Capture } from '../capture/pixels';
import { type LastScan, lastScan } from '../last-scan';
import type { Rect } from '../messages';
import type { AccountDraft } from '../otp/account';
import { accountTitle } from '../otp/account-title';
import { OtpInputError } from '../otp/otp-input-error';
import { parseMigrationUri } from '../otp/parse-migration-uri';
import { parseOtpauthUri } from '../otp/parse-otpauth-uri';
import type { Vault } from '../vault';
import { addScannedAccounts } from './add-scanned-accounts';

export interface ScanInput {
  readonly capture: Capture;
  /** The user's rectangle, in CSS pixels of the viewport; null for the whole visible page. */
  readonly rect: Rect | null;
  /** The viewport's width in CSS pixels when the rectangle was drawn. */
  readonly viewportWidth: number;
  /** The origin of the page scanned: new accounts remember it as their site (issue 12). */
  readonly origin?: string | undefined;
}

/**
 * Decides what a scan stores and what the popup is told: finds the QR code, says what it holds,
 * parses it and adds the accounts that are new to `vault`. It opens and closes nothing: the
 * caller owns the capture and the vault (which may still be opening; it is awaited only when
 * there is something to store). Nothing of the result goes back to the page.
 */
export async function scanSelection(
  { capture, rect, viewportWidth, origin }: ScanInput,
  vault: Vault | PromiseLike<Vault>,
): Promise<LastScan> {
  const found = findQrText(capture, rect, viewportWidth);
  performance.mark('scan-decoded');
  if (!found) return lastScan({ status: 'no-qr' });
  const foundOutsideSelection = found.outside;
  const content = classifyQrText(found.text);
  if (content.kind === 'url' || content.kind === 'text') {
    return lastScan({ status: 'not-otp', content, foundOutsideSelection });
  }

  let drafts: AccountDraft[];
  let skipped = 0;
  try {
    if (content.kind === 'otpauth') drafts = [parseOtpauthUri(content.uri)];
    else ({ accounts: drafts, skipped } = parseMigrationUri(content.uri));
  } catch (error) {
    if (error instanceof OtpInputError) {
      return lastScan({ status: 'invalid', error: error.code, foundOutsideSelection });
    }
    throw error;
  }
  if (drafts.length === 0) return lastScan({ status: 'unusable', skipped, foundOutsideSelection });
  const sited = origin === undefined ? drafts : drafts.map((draft) => ({ ...draft, origins: [origin] }));
  const { added, duplicates } = await addScannedAccounts(await vault, sited);
  if (added.length === 0) {
    return lastScan({
      status: 'duplicate',
      names: duplicates.map(accountTitle),
      skipped,
      foundOutsideSelection,
    });
  }
  return lastScan({
    status: 'added',
    names: added.map(accountTitle),
    ids: added.map((a) => a.id),
    skipped,
    foundOutsideSelection,
  });
}
