import type { QrContent } from '../capture/classify-qr-text';
import type { AccountDraft } from '../otp/account';
import { parseMigrationUri } from '../otp/parse-migration-uri';
import { parseOtpauthUri } from '../otp/parse-otpauth-uri';

export type OtpQrContent = Extract<QrContent, { readonly kind: 'otpauth' | 'migration' }>;

/** The accounts in an authenticator QR code, and how many of an export could not be used. Throws OtpInputError. */
export function parseScannedUri(content: OtpQrContent): { drafts: AccountDraft[]; skipped: number } {
  if (content.kind === 'otpauth') return { drafts: [parseOtpauthUri(content.uri)], skipped: 0 };
  const { accounts, skipped } = parseMigrationUri(content.uri);
  return { drafts: accounts, skipped };
}
