import type { OtpInputErrorCode } from '../otp';
import type { MessageKey } from './t';

export type FormFieldName =
  | 'secret'
  | 'issuer'
  | 'label'
  | 'type'
  | 'algorithm'
  | 'digits'
  | 'period'
  | 'counter';

const FIELD_FOR_ERROR: Partial<Record<OtpInputErrorCode, { field: FormFieldName; message: MessageKey }>> = {
  'unknown-type': { field: 'type', message: 'errorUnknownType' },
  'missing-secret': { field: 'secret', message: 'errorMissingSecret' },
  'bad-base32': { field: 'secret', message: 'errorBadBase32' },
  'short-secret': { field: 'secret', message: 'errorShortSecret' },
  'long-secret': { field: 'secret', message: 'errorLongSecret' },
  'unknown-algorithm': { field: 'algorithm', message: 'errorUnknownAlgorithm' },
  'bad-digits': { field: 'digits', message: 'errorBadDigits' },
  'bad-period': { field: 'period', message: 'errorBadPeriod' },
  'missing-counter': { field: 'counter', message: 'errorMissingCounter' },
  'bad-counter': { field: 'counter', message: 'errorBadCounter' },
  'issuer-too-long': { field: 'issuer', message: 'errorNameTooLong' },
  'label-too-long': { field: 'label', message: 'errorNameTooLong' },
};

/**
 * Which manual-entry field an OtpInputError belongs to, and its message key in `_locales`.
 * Codes the form cannot cause (URI and export parsing) fall back to the secret field.
 */
export function fieldForError(code: OtpInputErrorCode): { field: FormFieldName; message: MessageKey } {
  return FIELD_FOR_ERROR[code] ?? { field: 'secret', message: 'errorBadBase32' };
}
