import { classifyQrText } from '../capture/classify-qr-text';
import { decodeQr } from '../capture/decode-qr';
import type { Rect } from '../capture/pixels';
import { scaleSelection } from '../capture/scale-selection';
import { loadSession } from '../lock/session-store';
import type { AccountDraft } from '../otp/account';
import { OtpInputError } from '../otp/otp-input-error';
import { parseMigrationUri } from '../otp/parse-migration-uri';
import { parseOtpauthUri } from '../otp/parse-otpauth-uri';
import { type LastScan, lastScan } from '../scan/last-scan';
import { openVault } from '../vault';
import { accountTitle } from './account-title';
import { addScannedAccounts } from './add-scanned-accounts';
import type { Capture } from './capture-visible-tab';

/** Finds the QR text: in the selection, else anywhere on the visible page (then it says so). */
function findQrText(capture: Capture, rect: Rect | null, viewportWidth: number) {
  const region = rect ? scaleSelection(rect, viewportWidth, capture) : null;
  if (region) {
    const text = decodeQr(capture.pixels(region));
    if (text !== null) return { text, outside: false };
  }
  const text = decodeQr(capture.pixels());
  return text === null ? null : { text, outside: region !== null };
}

/**
 * Decodes the selection of a captured tab and stores what it holds. Returns what happened,
 * for the popup; nothing of it goes back to the page.
 */
export async function scanSelection(
  capture: Capture,
  rect: Rect | null,
  viewportWidth: number,
): Promise<LastScan> {
  const found = findQrText(capture, rect, viewportWidth);
  if (!found) return lastScan({ status: 'no-qr' });
  const content = classifyQrText(found.text);
  if (content.kind === 'url') return lastScan({ status: 'not-otp', detail: `url:${content.host}` });
  if (content.kind === 'text') return lastScan({ status: 'not-otp', detail: 'text' });

  let drafts: AccountDraft[];
  let skipped = 0;
  try {
    if (content.kind === 'otpauth') drafts = [parseOtpauthUri(content.uri)];
    else ({ accounts: drafts, skipped } = parseMigrationUri(content.uri));
  } catch (error) {
    if (error instanceof OtpInputError) return lastScan({ status: 'invalid', detail: error.code });
    throw error;
  }
  // A passphrase vault opens with this browser session's key (SECURITY #34).
  const vault = await openVault({ session: await loadSession(chrome.storage.session) });
  try {
    const { added, duplicates } = await addScannedAccounts(vault, drafts);
    if (added.length === 0) {
      return lastScan({
        status: 'duplicate',
        names: duplicates.map(accountTitle),
        skipped,
        foundOutsideSelection: found.outside,
      });
    }
    return lastScan({
      status: 'added',
      names: added.map(accountTitle),
      ids: added.map((a) => a.id),
      skipped,
      foundOutsideSelection: found.outside,
    });
  } finally {
    vault.close();
  }
}
