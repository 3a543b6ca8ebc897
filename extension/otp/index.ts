export type {
  Account,
  AccountDraft,
  AccountNames,
  HotpSettings,
  OtpAlgorithm,
  OtpSettings,
  OtpType,
  TotpSettings,
} from './account';
export { type AccountFields, accountDraftFromFields } from './account-draft-from-fields';
export { currentCode, nextCode, timeRemaining } from './current-code';
export { decodeBase32Secret, MIN_SECRET_BYTES } from './decode-base32-secret';
export { OtpInputError, type OtpInputErrorCode } from './otp-input-error';
export { type MigrationImport, parseMigrationUri } from './parse-migration-uri';
export { parseOtpauthUri } from './parse-otpauth-uri';
