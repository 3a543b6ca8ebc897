import { classifyQrText } from '../capture/classify-qr-text';
import { findQrText } from '../capture/find-qr-text';
import type { Capture } from '../capture/pixels';
import { type LastScan, lastScan } from '../last-scan';
import type { Rect } from '../messages';
import { OtpInputError } from '../otp/otp-input-error';
import { importAllowed } from '../settings/import-allowed';
import type { Vault } from '../vault';
import { parseScannedUri } from './parse-scanned-uri';
import { type HoldScan, storeOrHold } from './store-or-hold';
import { withOrigin } from './with-origin';

export interface ScanInput {
  readonly capture: Capture;
  /** The user's rectangle, in CSS pixels of the viewport; null for the whole visible page. */
  readonly rect: Rect | null;
  /** The viewport's width in CSS pixels when the rectangle was drawn. */
  readonly viewportWidth: number;
  /**
   * The origin of the page scanned: new accounts remember it as their site (issue 12). A function
   * is asked when the accounts are stored, after any recapture (which may withdraw the site).
   */
  readonly origin?: string | undefined | (() => string | undefined);
  /**
   * A second capture, when the code was found only outside the selection: on a busy machine the
   * first may be an older frame, with the overlay's box still across the code. Used once.
   */
  readonly recapture?: (() => Promise<Capture>) | undefined;
}

/**
 * Decides what a scan stores and what the popup is told: finds the QR code, says what it holds,
 * refuses an export of another app while allowImport is off ('import-off', nothing stored),
 * parses it and adds the accounts that are new to `vault`, or holds them with `hold` when the
 * vault is locked. It opens and closes nothing: the caller owns the capture and the vault (which
 * may still be opening; it is awaited only when there is something to store). Nothing of the
 * result goes back to the page.
 */
export async function scanSelection(
  { capture, rect, viewportWidth, origin, recapture }: ScanInput,
  vault: Vault | PromiseLike<Vault>,
  hold: HoldScan,
): Promise<LastScan> {
  let found = findQrText(capture, rect, viewportWidth);
  if (found?.outside && recapture !== undefined) {
    const again = await recapture().then(
      (fresh) => findQrText(fresh, rect, viewportWidth),
      () => null, // no second look (Chrome's capture limit, the tab gone): the first stands
    );
    if (again !== null && !again.outside) found = again;
  }
  performance.mark('scan-decoded');
  if (!found) return lastScan({ status: 'no-qr' });
  const foundOutsideSelection = found.outside;
  const content = classifyQrText(found.text);
  if (content.kind === 'url' || content.kind === 'text') {
    return lastScan({ status: 'not-otp', content, foundOutsideSelection });
  }
  // An export of another app imports many accounts at once: an import, which allowImport governs,
  // read now. A single otpauth:// code (the portal's enrollment) is not one.
  if (content.kind === 'migration' && !(await importAllowed())) {
    return lastScan({ status: 'import-off', foundOutsideSelection });
  }

  let parsed: ReturnType<typeof parseScannedUri>;
  try {
    parsed = parseScannedUri(content);
  } catch (error) {
    if (error instanceof OtpInputError) {
      return lastScan({ status: 'invalid', error: error.code, foundOutsideSelection });
    }
    throw error;
  }
  const { drafts, skipped, skippedLongNames } = parsed;
  // Why entries of an export were left out, when some were: the popup names the reason.
  const why = skipped > 0 ? { skippedLongNames } : {};
  if (drafts.length === 0) return lastScan({ status: 'unusable', skipped, ...why, foundOutsideSelection });
  // A code found outside what the user selected may be anyone's on that page (an advert, a frame
  // of another site): the page is then not taken for the account's site, which would let filling
  // skip its confirmation there. The user can still add the site (the sites editor, or "remember"
  // when confirming a fill).
  const site = foundOutsideSelection ? undefined : typeof origin === 'function' ? origin() : origin;
  return storeOrHold(
    { uri: content.uri, drafts: withOrigin(drafts, site), skipped, skippedLongNames, foundOutsideSelection },
    vault,
    hold,
  );
}
