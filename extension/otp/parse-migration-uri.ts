import { fromBinary } from '@bufbuild/protobuf';
import type { OtpAlgorithm } from '../../shared/otp-parameters';
import type { AccountDraft } from './account';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES } from './decode-base32-secret';
import { MAX_NAME_LENGTH } from './max-name-length';
import { OtpInputError } from './otp-input-error';
import {
  MigrationPayload_Algorithm as Algorithm,
  MigrationPayload_DigitCount as DigitCount,
  MigrationPayloadSchema,
  type MigrationPayload_OtpParameters as OtpParameters,
  MigrationPayload_OtpType as OtpType,
} from './proto/google-auth-migration_pb';
import { splitLabel } from './split-label';

/** Why an entry of an export was left out. */
export type SkipReason =
  /** MD5, a secret shorter than 80 bits, or an HOTP counter out of range: no name could mend it. */
  | 'unsupported'
  /** An issuer or account name longer than MAX_NAME_LENGTH (after trimming). */
  | 'name-too-long';

/** An entry that cannot be used, with the names the export gives it (never its secret). */
export interface SkippedEntry {
  readonly issuer: string;
  readonly label: string;
  readonly reason: SkipReason;
}

export interface MigrationImport {
  readonly accounts: AccountDraft[];
  /** Entries that cannot be used, in the export's order, so the UI can say how many and why. */
  readonly skipped: readonly SkippedEntry[];
  /** Google Authenticator splits large exports over several QR codes: "code 1 of 3". */
  readonly batchIndex: number;
  readonly batchSize: number;
}

const ALGORITHMS: Partial<Record<Algorithm, OtpAlgorithm>> = {
  [Algorithm.UNSPECIFIED]: 'SHA1',
  [Algorithm.SHA1]: 'SHA1',
  [Algorithm.SHA256]: 'SHA256',
  [Algorithm.SHA512]: 'SHA512',
};

function toDraft(p: OtpParameters): AccountDraft | SkippedEntry {
  // The name is often "Issuer:account", like an otpauth label.
  const { issuer: prefix, account: label } = splitLabel(p.name);
  const issuer = (p.issuer || prefix || '').trim();
  const skip = (reason: SkipReason): SkippedEntry => ({ issuer, label, reason });
  const algorithm = ALGORITHMS[p.algorithm];
  // A secret too long to write out again as base32 could be stored, but never restored from a
  // backup of it (found by an attacker review).
  const size = p.secret.length;
  if (!algorithm || size < MIN_SECRET_BYTES || size > MAX_SECRET_BYTES) return skip('unsupported');
  if (issuer.length > MAX_NAME_LENGTH || label.length > MAX_NAME_LENGTH) return skip('name-too-long');
  const digits = p.digits === DigitCount.EIGHT ? 8 : 6;
  const common = { secret: new Uint8Array(p.secret), algorithm, digits, issuer, label, name: '' };
  if (p.type === OtpType.HOTP) {
    const counter = Number(p.counter);
    return Number.isSafeInteger(counter) && counter >= 0
      ? { ...common, type: 'hotp', counter }
      : skip('unsupported');
  }
  return { ...common, type: 'totp', period: 30 };
}

/** The `data` parameter: standard base64, whose `+` must not become a space as in form decoding. */
function readData(uri: string): Uint8Array {
  const match = /^otpauth-migration:\/\/offline\/?\?(?:.*&)?data=([^&#]*)/i.exec(uri.trim());
  if (!match?.[1]) throw new OtpInputError('bad-migration', 'No data parameter in the migration URI');
  let base64: string;
  try {
    base64 = decodeURIComponent(match[1]).replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/');
  } catch (cause) {
    throw new OtpInputError('bad-migration', 'Malformed percent-encoding in the migration URI', { cause });
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
    throw new OtpInputError('bad-migration', 'The data is not base64');
  const binary = atob(base64);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** An export line with more entries than the caller allows (parseMigrationUri's maxEntries). */
export class MigrationTooLargeError extends OtpInputError {
  constructor(message: string) {
    super('bad-migration', message);
  }
}

/**
 * The number of top-level field-1 records (otp_parameters) in a MigrationPayload, read from the
 * wire format without decoding them. Anything the counter cannot walk (a varint over 10 bytes, a
 * length past the end, a group, which MigrationPayload has none of, an unknown wire type) is
 * refused as not an export: the decoder would otherwise skip it and decode what follows whole.
 */
function countAccountEntries(bytes: Uint8Array): number {
  const malformed = () => new OtpInputError('bad-migration', 'The migration data is not a valid export');
  let at = 0;
  let count = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (at >= bytes.length) throw malformed();
      const byte = bytes[at++] ?? 0;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw malformed();
  };
  const skip = (length: number) => {
    if (length > bytes.length - at) throw malformed();
    at += length;
  };
  while (at < bytes.length) {
    const key = varint();
    const wireType = key % 8;
    if (Math.floor(key / 8) === 1) count++;
    if (wireType === 0) varint();
    else if (wireType === 1) skip(8);
    else if (wireType === 2) skip(varint());
    else if (wireType === 5) skip(4);
    else throw malformed();
  }
  return count;
}

/**
 * Decodes a Google Authenticator export (otpauth-migration://offline?data=…) with the protobuf
 * schema in proto/, into account drafts, and the entries that cannot be used with why: a name
 * longer than MAX_NAME_LENGTH is refused here, never cut, so that scans and imports can say so.
 * Throws OtpInputError('bad-migration') when undecodable.
 */
export function parseMigrationUri(uri: string, maxEntries = Number.POSITIVE_INFINITY): MigrationImport {
  let payload: ReturnType<typeof fromBinary<typeof MigrationPayloadSchema>>;
  try {
    const data = readData(uri);
    // Counted before decoding: a crafted line of a million empty entries would otherwise be
    // decoded whole (hundreds of MB) before any limit applied.
    if (countAccountEntries(data) > maxEntries)
      throw new MigrationTooLargeError(`More than ${maxEntries} entries in one export line`);
    payload = fromBinary(MigrationPayloadSchema, data);
  } catch (cause) {
    if (cause instanceof OtpInputError) throw cause;
    throw new OtpInputError('bad-migration', 'The migration data is not a valid export', { cause });
  }
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  for (const entry of payload.otpParameters.map(toDraft)) {
    if ('reason' in entry) skipped.push(entry);
    else accounts.push(entry);
  }
  return {
    accounts,
    skipped,
    batchIndex: payload.batchIndex,
    batchSize: Math.max(1, payload.batchSize),
  };
}
