import { OTP_ALGORITHMS, type OtpAlgorithm } from '../../shared/otp-parameters';
import type { Account } from '../otp/account';
import { base64ToBytes, bytesToBase64, utf8Decode, utf8Encode } from './encoding';
import { VaultFormatError } from './vault-errors';

/**
 * The encrypted part of an account: everything except `id` and `order`, as a JSON value. An
 * account record seals it alone; the snapshot seals every account's, each with its id and order.
 */
export function accountPayload(account: Account): Record<string, unknown> {
  const common = {
    secret: bytesToBase64(account.secret),
    algorithm: account.algorithm,
    digits: account.digits,
    issuer: account.issuer,
    label: account.label,
    name: account.name,
    pinned: account.pinned,
    createdAt: account.createdAt,
  };
  return account.type === 'totp'
    ? { type: 'totp', period: account.period, ...common }
    : { type: 'hotp', counter: account.counter, ...common };
}

export function encodeAccountPayload(account: Account): Uint8Array<ArrayBuffer> {
  return utf8Encode(JSON.stringify(accountPayload(account)));
}

/**
 * Decodes an authenticated payload. Only a bug or a newer writer can produce a malformed one
 * (the header version guards the latter), so it is a format error, not an integrity error.
 */
export function decodeAccountPayload(bytes: Uint8Array, id: string, order: number): Account {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(bytes));
  } catch (error) {
    throw new VaultFormatError(`Vault record ${id} is not valid JSON`, { cause: error });
  }
  return readAccountPayload(value, id, order);
}

/** The account in a parsed payload (see decodeAccountPayload); fields it does not know are ignored. */
export function readAccountPayload(value: unknown, id: string, order: number): Account {
  const fail = (field: string): never => {
    throw new VaultFormatError(`Vault record ${id} has an invalid ${field}`);
  };
  if (typeof value !== 'object' || value === null) return fail('payload');
  const p = value as Record<string, unknown>;
  const text = (field: string): string => (typeof p[field] === 'string' ? (p[field] as string) : fail(field));
  const integer = (field: string): number =>
    Number.isSafeInteger(p[field]) ? (p[field] as number) : fail(field);
  const algorithm = OTP_ALGORITHMS.find((a): a is OtpAlgorithm => a === p.algorithm) ?? fail('algorithm');
  const common = {
    id,
    order,
    secret: base64ToBytes(text('secret')),
    algorithm,
    digits: integer('digits'),
    issuer: text('issuer'),
    label: text('label'),
    name: text('name'),
    pinned: typeof p.pinned === 'boolean' ? p.pinned : fail('pinned'),
    createdAt: integer('createdAt'),
  };
  if (p.type === 'totp') return { type: 'totp', period: integer('period'), ...common };
  if (p.type === 'hotp') return { type: 'hotp', counter: integer('counter'), ...common };
  return fail('type');
}
