import type { QrContent } from '../capture/classify-qr-text';
import type { AccountDraft } from '../otp/account';
import { parseMigrationUri } from '../otp/parse-migration-uri';
import { parseOtpauthUri } from '../otp/parse-otpauth-uri';

export type OtpQrContent = Extract<QrContent, { readonly kind: 'otpauth' | 'migration' }>;

export interface ScannedAccounts {
  readonly drafts: AccountDraft[];
  /** How many entries of an export could not be used, for any reason. */
  readonly skipped: number;
  /** Of those, how many for a name longer than MAX_NAME_LENGTH (the others: MD5, a short key). */
  readonly skippedLongNames: number;
}

/** The accounts in an authenticator QR code, and how many of an export could not be used and why. Throws OtpInputError. */
export function parseScannedUri(content: OtpQrContent): ScannedAccounts {
  if (content.kind === 'otpauth')
    return { drafts: [parseOtpauthUri(content.uri)], skipped: 0, skippedLongNames: 0 };
  const { accounts, skipped } = parseMigrationUri(content.uri);
  return {
    drafts: accounts,
    skipped: skipped.length,
    skippedLongNames: skipped.filter((entry) => entry.reason === 'name-too-long').length,
  };
}
