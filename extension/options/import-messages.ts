import type { RejectReason } from '../import';
import type { MessageKey } from '../popup/t';
import type { ImportFailure } from './hooks/use-import';

/** The sentence for each whole-file import failure (plus a failed save, a vault that would not open, or the policy allowImport). */
export const IMPORT_ERROR_MESSAGES: Record<ImportFailure, MessageKey> = {
  'too-large': 'importErrorTooLarge',
  'unknown-format': 'importErrorUnknownFormat',
  damaged: 'importErrorDamaged',
  'wrong-passphrase': 'importErrorWrongPassphrase',
  'newer-version': 'importErrorNewerVersion',
  'unsupported-encryption': 'importErrorUnsupportedEncryption',
  'no-qr-code': 'importErrorNoQrCode',
  'too-many-accounts': 'importErrorTooManyAccounts',
  'too-many-keys': 'importErrorTooManyKeys',
  save: 'importErrorSave',
  vault: 'importErrorVault',
  policy: 'importPolicyOff',
};

/** Why one entry was not imported, as the report says it. */
export const REASON_MESSAGES: Record<RejectReason | 'duplicate' | 'repeated' | 'deselected', MessageKey> = {
  duplicate: 'reasonDuplicate',
  repeated: 'reasonRepeated',
  deselected: 'reasonDeselected',
  'unsupported-type': 'reasonUnsupportedType',
  'unsupported-algorithm': 'reasonUnsupportedAlgorithm',
  'unsupported-digits': 'reasonUnsupportedDigits',
  'unsupported-period': 'reasonUnsupportedPeriod',
  'unsupported-parameter': 'reasonUnsupportedParameter',
  'name-too-long': 'reasonNameTooLong',
  'missing-secret': 'reasonMissingSecret',
  'bad-secret': 'reasonBadSecret',
  'short-secret': 'reasonShortSecret',
  'bad-entry': 'reasonBadEntry',
};
