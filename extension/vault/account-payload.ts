import { OTP_ALGORITHMS, type OtpAlgorithm } from '../../shared/otp-parameters';
import type { Account } from '../otp/account';
import { siteOrigin } from '../otp/site-origin';
import { base64ToBytes, bytesToBase64, utf8Decode, utf8Encode } from './encoding';
import { VaultFormatError } from './vault-errors';

/** The encrypted part of an account: everything except `id` and `order`, as JSON. */
export function encodeAccountPayload(account: Account): Uint8Array<ArrayBuffer> {
  const common = {
    secret: bytesToBase64(account.secret),
    algorithm: account.algorithm,
    digits: account.digits,
    issuer: account.issuer,
    label: account.label,
    name: account.name,
    pinned: account.pinned,
    createdAt: account.createdAt,
    // Only when there are any: records of accounts without a website stay as they were.
    ...(account.origins !== undefined && account.origins.length > 0 ? { origins: account.origins } : {}),
  };
  const payload =
    account.type === 'totp'
      ? { type: 'totp', period: account.period, ...common }
      : { type: 'hotp', counter: account.counter, ...common };
  return utf8Encode(JSON.stringify(payload));
}

/** A list of http(s) origins, or undefined when it is anything else. */
function origins(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list = value.filter((v): v is string => typeof v === 'string' && siteOrigin(v) === v);
  return list.length === value.length ? list : undefined;
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
    ...(p.origins === undefined ? {} : { origins: origins(p.origins) ?? fail('origins') }),
  };
  if (p.type === 'totp') return { type: 'totp', period: integer('period'), ...common };
  if (p.type === 'hotp') return { type: 'hotp', counter: integer('counter'), ...common };
  return fail('type');
}
