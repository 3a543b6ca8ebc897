import { recordActivity } from '../activity/record-activity';
import { otpauthUri } from '../backup/otpauth-uri';
import { qrSvgDataUrl } from '../backup/qr-svg-data-url';
import type { AccountNames, OtpSettings } from '../otp';
import { requireAllowed } from '../settings/require-allowed';

/**
 * The account's QR code for a phone app. Loaded with import() only when the user asks for one,
 * so qrcode stays out of the popup's first bundle. It reveals the secret: refused
 * (PolicyRefusedError) unless allowSecretExport is on at this moment, whatever the popup showed,
 * and the activity log keeps that one was shown.
 */
export async function accountQrUrl(account: OtpSettings & AccountNames): Promise<string> {
  await requireAllowed('allowSecretExport');
  const url = await qrSvgDataUrl(otpauthUri(account));
  await recordActivity({ kind: 'exported', what: 'account-qr', count: 1 });
  return url;
}
