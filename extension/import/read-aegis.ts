import { scryptAsync } from '@noble/hashes/scrypt.js';
import { base64ToBytes } from '../vault/encoding';
import { hexToBytes } from './bytes';
import { EntryCollector, entryName } from './collect-entries';
import { ImportError } from './import-error';
import { checkEntryCount, checkKeyCount } from './import-limits';
import type { ImportReading, ImportResult } from './import-result';
import { isObject, type Json, numberText, parseJsonBytes, text } from './json-fields';

/** Aegis' vault file format (docs/vault.md) version 1 and its content format up to version 3. */
const VAULT_VERSION = 1;
const CONTENT_VERSION = 3;
/**
 * What a file may ask of scrypt. Aegis writes N = 2^15, r = 8, p = 1 (CryptoUtils.CRYPTO_SCRYPT_*,
 * unchanged since its first vault format): N up to 2^17 and N × r up to 2^17 × 8 (128 MiB) leave
 * room for a future increase; p, which multiplies the time, must be 1.
 */
const MAX_SCRYPT_N = 2 ** 17;
const MAX_SCRYPT_P = 1;
/**
 * N × r summed over the password slots a password is tried on: two slots at the largest cost
 * allowed, or eight at Aegis' own (real files have one password slot). A wrong password then costs
 * about 4 s of scrypt, not 8 × 2 s.
 */
const MAX_SCRYPT_WORK = 2 * MAX_SCRYPT_N * 8;

/** True for an Aegis vault export: `{ version, header, db }`. */
export function isAegisVault(json: unknown): json is Json {
  return isObject(json) && typeof json.version === 'number' && 'header' in json && 'db' in json;
}

/**
 * Reads an Aegis export: plain (`db` is the content object) or encrypted (`db` is base64 AES-256-GCM
 * ciphertext under the master key, which each password slot wraps under scrypt(password)).
 */
export function readAegisVault(json: Json): ImportReading {
  if (json.version !== VAULT_VERSION) {
    if (typeof json.version === 'number' && json.version > VAULT_VERSION) {
      throw new ImportError('newer-version', `Aegis vault version ${json.version} is newer than 1`);
    }
    throw new ImportError('damaged', 'The Aegis vault version is invalid');
  }
  if (isObject(json.db)) return { status: 'ready', result: readContent(json.db) };
  if (typeof json.db !== 'string' || !isObject(json.header))
    throw new ImportError('damaged', 'No Aegis content');
  const header = json.header;
  // Refused before a password is asked for: each slot tried is a scrypt run.
  const slots = passwordSlots(header);
  checkKeyCount(slots.length);
  if (slots.reduce((work, slot) => work + scryptWork(slot), 0) > MAX_SCRYPT_WORK)
    throw new ImportError(
      'damaged',
      'The Aegis password slots ask for more scrypt work than one import is given',
    );
  return {
    status: 'locked',
    format: 'aegis',
    unlock: (password) => unlock(header, String(json.db), password),
  };
}

/** N × r of a slot (what scrypt's time and memory grow with); 0 for parameters openSlot refuses anyway. */
function scryptWork(slot: Json): number {
  const { n, r } = slot;
  return typeof n === 'number' && typeof r === 'number' && n > 0 && r > 0 ? n * r : 0;
}

/** The header's password slots (type 1); biometric and other slots cannot be opened here. */
function passwordSlots(header: Json): Json[] {
  const slots = Array.isArray(header.slots) ? header.slots.filter(isObject) : [];
  return slots.filter((slot) => slot.type === 1);
}

async function unlock(header: Json, db: string, password: string): Promise<ImportResult> {
  const params = isObject(header.params) ? header.params : {};
  const slots = passwordSlots(header);
  if (slots.length === 0) throw new ImportError('unsupported-encryption', 'No password slot');
  let masterKey: Uint8Array | undefined;
  // At most MAX_KEY_SLOTS: readAegisVault refused the file before otherwise.
  for (const slot of slots) {
    masterKey = await openSlot(slot, password);
    if (masterKey !== undefined) break;
  }
  if (masterKey === undefined)
    throw new ImportError('wrong-passphrase', 'No Aegis slot opens with this password');
  const plain = await openGcm(masterKey, params, decodeBase64(db));
  if (plain === undefined) throw new ImportError('damaged', 'The Aegis content fails its integrity check');
  const content = parseJsonBytes(plain);
  if (!isObject(content)) throw new ImportError('damaged', 'The Aegis content is not an object');
  return readContent(content);
}

/** The master key, or undefined when this password does not open the slot (GCM says no). */
async function openSlot(slot: Json, password: string): Promise<Uint8Array | undefined> {
  const { n, r, p } = slot;
  const salt = hexToBytes(String(slot.salt));
  const valid =
    typeof n === 'number' &&
    typeof r === 'number' &&
    typeof p === 'number' &&
    salt !== undefined &&
    Number.isSafeInteger(n) &&
    n >= 2 &&
    n <= MAX_SCRYPT_N &&
    (n & (n - 1)) === 0 &&
    r >= 1 &&
    r <= 32 &&
    p >= 1 &&
    p <= MAX_SCRYPT_P &&
    n * r <= MAX_SCRYPT_N * 8;
  if (!valid) throw new ImportError('damaged', 'An Aegis password slot has invalid scrypt parameters');
  const start = performance.now();
  const kek = await scryptAsync(password, salt, { N: n, r, p, dkLen: 32, maxmem: 2 ** 31, asyncTick: 20 });
  performance.measure('kdf', { start, end: performance.now() });
  const wrapped = hexToBytes(String(slot.key));
  if (wrapped === undefined) throw new ImportError('damaged', 'An Aegis slot key is not hex');
  return openGcm(kek, isObject(slot.key_params) ? slot.key_params : {}, wrapped);
}

/** AES-256-GCM with Aegis' `{ nonce, tag }` (hex) beside the ciphertext; undefined on a tag mismatch. */
async function openGcm(keyBytes: Uint8Array, params: Json, ciphertext: Uint8Array) {
  const nonce = hexToBytes(String(params.nonce));
  const tag = hexToBytes(String(params.tag));
  if (
    nonce === undefined ||
    tag === undefined ||
    tag.length !== 16 ||
    nonce.length !== 12 ||
    keyBytes.length !== 32
  ) {
    throw new ImportError('damaged', 'Invalid Aegis encryption parameters');
  }
  const sealed = new Uint8Array(ciphertext.length + 16);
  sealed.set(ciphertext);
  sealed.set(tag, ciphertext.length);
  const key = await crypto.subtle.importKey('raw', new Uint8Array(keyBytes), 'AES-GCM', false, ['decrypt']);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce }, key, sealed));
  } catch {
    return undefined;
  }
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  try {
    return base64ToBytes(text);
  } catch (cause) {
    throw new ImportError('damaged', 'The Aegis content is not base64', { cause });
  }
}

/** The content: `{ version, entries: [{ type, name, issuer, favorite, info: { secret, algo, digits, period|counter } }] }`. */
function readContent(content: Json): ImportResult {
  const version = content.version;
  if (typeof version === 'number' && version > CONTENT_VERSION) {
    throw new ImportError(
      'newer-version',
      `Aegis content version ${version} is newer than ${CONTENT_VERSION}`,
    );
  }
  if (!Array.isArray(content.entries)) throw new ImportError('damaged', 'The Aegis content has no entries');
  checkEntryCount(content.entries.length);
  const collector = new EntryCollector();
  for (const entry of content.entries) {
    const e = isObject(entry) ? entry : {};
    const info = isObject(e.info) ? e.info : {};
    const issuer = text(e.issuer) ?? '';
    const label = text(e.name) ?? '';
    const type = text(e.type) ?? '';
    // steam, motp, yandex (codes computed otherwise than RFC 4226/6238) are rejected as unsupported-type.
    collector.add(
      {
        type,
        secret: text(info.secret),
        issuer,
        label,
        algorithm: text(info.algo),
        digits: numberText(info.digits),
        period: numberText(info.period),
        counter: numberText(info.counter) ?? '0',
      },
      entryName(issuer, label),
      e.favorite === true,
    );
  }
  return { format: 'aegis', accounts: collector.accounts, rejected: collector.rejected, warnings: [] };
}
