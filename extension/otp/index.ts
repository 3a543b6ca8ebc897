export type {
  Account,
  AccountDraft,
  AccountNames,
  AccountSites,
  HotpSettings,
  OtpAlgorithm,
  OtpSettings,
  OtpType,
  TotpSettings,
} from './account';
export { type AccountFields, accountDraftFromFields } from './account-draft-from-fields';
export { accountTitle, displayName } from './account-title';
export { cleanAccountNames } from './clean-account-names';
export { counterAt, currentCode, nextCode, timeRemaining } from './current-code';
export { decodeBase32Secret, MIN_SECRET_BYTES } from './decode-base32-secret';
export { equalBytes } from './equal-bytes';
export { OtpInputError, type OtpInputErrorCode } from './otp-input-error';
// parseMigrationUri is deliberately not re-exported: it pulls the protobuf runtime, which only
// the service worker needs; importing it from here would put it in the popup's bundle too.
export { parseOtpauthUri } from './parse-otpauth-uri';
export { isSameOtp } from './same-otp';
export {
  belongsToSite,
  distinctOrigins,
  MAX_ORIGINS,
  originFromInput,
  originHost,
  siteName,
  siteOrigin,
} from './site-origin';
export { compareAccounts, sortAccounts } from './sort-accounts';
export { stripInvisible } from './strip-invisible';
