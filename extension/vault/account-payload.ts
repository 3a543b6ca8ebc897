import { OTP_ALGORITHMS, type OtpAlgorithm } from '../../shared/otp-parameters';
import type { Account } from '../otp/account';
import { siteOrigin } from '../otp/site-origin';
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
    // Only when there are any: records of accounts without a website stay as they were.
    ...(account.origins !== undefined && account.origins.length > 0 ? { origins: account.origins } : {}),
  };
  return account.type === 'totp'
    ? { type: 'totp', period: account.period, ...common }
    : { type: 'hotp', counter: account.counter, ...common };
}

export function encodeAccountPayload(account: Account): Uint8Array<ArrayBuffer> {
  return utf8Encode(JSON.stringify(accountPayload(account)));
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
  return readAccountPayload(value, id, order);
}

/**
 * The account in a parsed payload (see decodeAccountPayload); fields it does not know are ignored.
 * Written without closures or searches: the popup decodes every account of the snapshot on each
 * opening, cold (not yet optimised by the JIT), and this loop was most of that time.
 */
export function readAccountPayload(value: unknown, id: string, order: number): Account {
  if (typeof value !== 'object' || value === null) throw invalid(id, 'payload');
  const {
    type,
    secret,
    algorithm,
    digits,
    issuer,
    label,
    name,
    pinned,
    createdAt,
    period,
    counter,
    origins: sites,
  } = value as Record<string, unknown>;
  if (typeof secret !== 'string') throw invalid(id, 'secret');
  if (!ALGORITHMS.includes(algorithm)) throw invalid(id, 'algorithm');
  if (!Number.isSafeInteger(digits)) throw invalid(id, 'digits');
  if (typeof issuer !== 'string') throw invalid(id, 'issuer');
  if (typeof label !== 'string') throw invalid(id, 'label');
  if (typeof name !== 'string') throw invalid(id, 'name');
  if (typeof pinned !== 'boolean') throw invalid(id, 'pinned');
  if (!Number.isSafeInteger(createdAt)) throw invalid(id, 'createdAt');
  const checkedSites = sites === undefined ? undefined : origins(sites);
  if (sites !== undefined && checkedSites === undefined) throw invalid(id, 'origins');
  const common = {
    id,
    order,
    secret: secretBytes(secret, id),
    algorithm: algorithm as OtpAlgorithm,
    digits: digits as number,
    issuer,
    label,
    name,
    pinned,
    createdAt: createdAt as number,
    ...(checkedSites === undefined ? {} : { origins: checkedSites }),
  };
  if (type === 'totp') {
    if (!Number.isSafeInteger(period)) throw invalid(id, 'period');
    return { type, period: period as number, ...common };
  }
  if (type === 'hotp') {
    if (!Number.isSafeInteger(counter)) throw invalid(id, 'counter');
    return { type, counter: counter as number, ...common };
  }
  throw invalid(id, 'type');
}

const ALGORITHMS: readonly unknown[] = OTP_ALGORITHMS;

function secretBytes(secret: string, id: string): Uint8Array {
  try {
    return base64ToBytes(secret);
  } catch {
    throw invalid(id, 'secret');
  }
}

function invalid(id: string, field: string): VaultFormatError {
  return new VaultFormatError(`Vault record ${id} has an invalid ${field}`);
}
