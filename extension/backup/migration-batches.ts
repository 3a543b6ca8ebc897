import { create, toBinary } from '@bufbuild/protobuf';
import type { AccountDraft } from '../otp/account';
import {
  MigrationPayload_Algorithm as Algorithm,
  MigrationPayload_DigitCount as DigitCount,
  MigrationPayloadSchema,
  type MigrationPayload_OtpParameters as OtpParameters,
  MigrationPayload_OtpParametersSchema as OtpParametersSchema,
  MigrationPayload_OtpType as OtpType,
} from '../otp/proto/google-auth-migration_pb';
import { bytesToBase64 } from '../vault/encoding';

/**
 * At most this many accounts per QR code, and at most this many characters per URI: a URI of
 * 600 characters is a version ≤ 20 QR code at error correction M (666 bytes), which a phone camera
 * reads from a screen without trouble. Google Authenticator's own exports hold about ten per code.
 */
export const MAX_ACCOUNTS_PER_BATCH = 10;
export const MAX_URI_LENGTH = 600;

export interface MigrationBatches {
  /** otpauth-migration://offline?data=… URIs, one per QR code, in order. */
  readonly uris: readonly string[];
  /** Accounts the format cannot carry: a period other than 30 s, or 7 digits. */
  readonly unsupported: readonly AccountDraft[];
}

const ALGORITHMS = { SHA1: Algorithm.SHA1, SHA256: Algorithm.SHA256, SHA512: Algorithm.SHA512 } as const;

function parameters(account: AccountDraft): OtpParameters | undefined {
  if (account.digits !== 6 && account.digits !== 8) return undefined;
  if (account.type === 'totp' && account.period !== 30) return undefined;
  return create(OtpParametersSchema, {
    secret: new Uint8Array(account.secret),
    // Google shows `name`; the label, prefixed "Issuer:" only if it contains a colon of its own,
    // so that a reader splitting at the first colon gets the label back whole.
    name:
      account.label.includes(':') && account.issuer !== ''
        ? `${account.issuer}:${account.label}`
        : account.label,
    issuer: account.issuer,
    algorithm: ALGORITHMS[account.algorithm],
    digits: account.digits === 8 ? DigitCount.EIGHT : DigitCount.SIX,
    type: account.type === 'totp' ? OtpType.TOTP : OtpType.HOTP,
    counter: BigInt(account.type === 'hotp' ? account.counter : 0),
  });
}

function uriOf(
  otpParameters: OtpParameters[],
  batchSize: number,
  batchIndex: number,
  batchId: number,
): string {
  const payload = create(MigrationPayloadSchema, {
    otpParameters,
    version: 1,
    batchSize,
    batchIndex,
    batchId,
  });
  return `otpauth-migration://offline?data=${encodeURIComponent(bytesToBase64(toBinary(MigrationPayloadSchema, payload)))}`;
}

/**
 * "All accounts to Google Authenticator": its export format (otpauth-migration://, protobuf), split
 * over QR codes of a readable size, each with the export's `batch_id`, its `batch_index` and the
 * `batch_size`, as Google Authenticator writes them. `batchId` is random unless a test fixes it.
 */
export function migrationBatches(
  accounts: readonly AccountDraft[],
  batchId: number = crypto.getRandomValues(new Int32Array(1))[0] ?? 0,
): MigrationBatches {
  const unsupported: AccountDraft[] = [];
  const groups: OtpParameters[][] = [];
  let current: OtpParameters[] = [];
  for (const account of accounts) {
    const p = parameters(account);
    if (p === undefined) {
      unsupported.push(account);
      continue;
    }
    const grown = [...current, p];
    // The final batch_size and batch_index take a few bytes more than this estimate's zeros.
    if (
      current.length > 0 &&
      (grown.length > MAX_ACCOUNTS_PER_BATCH || uriOf(grown, 99, 99, batchId).length > MAX_URI_LENGTH)
    ) {
      groups.push(current);
      current = [p];
    } else {
      current = grown;
    }
  }
  if (current.length > 0) groups.push(current);
  return { uris: groups.map((group, index) => uriOf(group, groups.length, index, batchId)), unsupported };
}
