import { type AccountFields, accountDraftFromFields } from '../otp/account-draft-from-fields';
import { OtpInputError, type OtpInputErrorCode } from '../otp/otp-input-error';
import type { ParsedEntries, RejectReason } from './import-result';

const REASONS: Partial<Record<OtpInputErrorCode, RejectReason>> = {
  'unknown-type': 'unsupported-type',
  'missing-secret': 'missing-secret',
  'bad-base32': 'bad-secret',
  'long-secret': 'bad-secret',
  'short-secret': 'short-secret',
  'unknown-algorithm': 'unsupported-algorithm',
  'bad-digits': 'unsupported-digits',
  'bad-period': 'unsupported-period',
  'issuer-too-long': 'name-too-long',
  'label-too-long': 'name-too-long',
};

/** The reason an OtpInputError gives for not importing an entry. */
export function rejectReason(error: OtpInputError): RejectReason {
  return REASONS[error.code] ?? 'bad-entry';
}

/**
 * Collects a file's entries in order: each becomes an account draft (validated by the same rules
 * as the manual form and otpauth URIs) or a rejection with its reason. One bad entry never stops
 * the others; only a file that is malformed as a whole throws (ImportError).
 */
export class EntryCollector implements ParsedEntries {
  readonly accounts: ParsedEntries['accounts'] = [];
  readonly rejected: ParsedEntries['rejected'] = [];

  /** Validates `fields` (the secret in base32) into a draft, or records why not. */
  add(fields: AccountFields, name: string, pinned = false, origins?: readonly string[]): void {
    try {
      const draft = accountDraftFromFields(fields);
      this.accounts.push({ ...draft, ...(pinned ? { pinned } : {}), ...(origins ? { origins } : {}) });
    } catch (error) {
      if (!(error instanceof OtpInputError)) throw error;
      this.reject(name, rejectReason(error));
    }
  }

  reject(name: string, reason: RejectReason): void {
    this.rejected.push({ name, reason });
  }
}

/** "Issuer (label)", "Issuer" or "label": how a rejected entry is named in the report. */
export function entryName(issuer: string | undefined, label: string | undefined): string {
  const i = issuer?.trim() ?? '';
  const l = label?.trim() ?? '';
  return i !== '' && l !== '' ? `${i} (${l})` : i || l || '?';
}
