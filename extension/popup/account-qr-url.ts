import { otpauthUri } from '../backup/otpauth-uri';
import { qrSvgDataUrl } from '../backup/qr-svg-data-url';
import type { AccountNames, OtpSettings } from '../otp';

/**
 * The account's QR code for a phone app. Loaded with import() only when the user asks for one,
 * so qrcode stays out of the popup's first bundle.
 */
export function accountQrUrl(account: OtpSettings & AccountNames): Promise<string> {
  return qrSvgDataUrl(otpauthUri(account));
}
