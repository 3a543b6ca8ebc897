import { withoutPadding } from '../otp/without-padding';
import { ARGON2ID_DEFAULTS, deriveArgon2 } from '../vault/derive-argon2';
import { bytesToBase64 } from '../vault/encoding';
import { type AuthenticatorEntry, addAuthenticatorEntry } from './authenticator-entry';
import { bytesToHex } from './bytes';
import { EntryCollector } from './collect-entries';
import { decryptOpenSslAes } from './decrypt-openssl-aes';
import { ImportError } from './import-error';
import { checkArgon2Work, checkEntryCount, checkKeyCount } from './import-limits';
import type { ImportReading, ImportResult } from './import-result';
import { isObject, type Json, parseJsonBytes } from './json-fields';
import { argon2HashWork, argon2Work, verifyArgon2Hash } from './verify-argon2-hash';

const isEncryptedEntry = (value: Json) =>
  value.dataType === 'EncOTPStorage' && typeof value.data === 'string';
const isEntry = (value: unknown): value is Json =>
  isObject(value) && (isEncryptedEntry(value) || (value.dataType !== 'Key' && 'secret' in value));

/**
 * True for a backup file of the Authenticator extension (Authenticator-Extension/Authenticator):
 * a JSON object of entries keyed by their hash, plus its keys (v3 `dataType: "Key"` records, or
 * the v2 `key: {enc, hash}`, which bug #557 wrote as top-level `enc` and `hash`).
 */
export function isAuthenticatorBackup(json: unknown): json is Json {
  return isObject(json) && Object.values(json).some(isEntry);
}

/**
 * Reads its plain backup, or asks for the passphrase of an encrypted one. Every encryption its
 * current code reads is read here (src/components/Import/FileImport.vue, src/import.ts):
 * - v1: each `encrypted` entry's secret is CryptoJS.AES (see decryptOpenSslAes) under the passphrase;
 * - v2: `key.enc` is a random key CryptoJS.AES-encrypted under the passphrase, `key.hash` its
 *   Argon2 hash; the secrets are encrypted under that key's hex;
 * - v3: `EncOTPStorage` entries hold the whole entry, CryptoJS.AES-encrypted under
 *   base64(argon2id(passphrase, key.salt, m = 19 MiB, t = 2, p = 1)); `key.hash` is an argon2id
 *   hash of that base64 text, which tells a wrong passphrase apart.
 */
export function readAuthenticatorBackup(json: Json): ImportReading {
  const entries = Object.values(json)
    .filter(isEntry)
    .map((entry, position) => ({ entry, position }))
    // Their list order is `index`; the file's order breaks ties.
    .sort((a, b) => indexOf(a.entry, a.position) - indexOf(b.entry, b.position))
    .map(({ entry }) => entry);
  // Refused before a passphrase is asked for: each entry is decrypted, each key record costs two
  // argon2 runs and v2's key one, the hashes' at parameters they choose.
  checkEntryCount(entries.length);
  const records = keyRecords(json, entries);
  checkKeyCount(records.length);
  if (!entries.some((entry) => isEncryptedEntry(entry) || entry.encrypted === true)) {
    const collector = new EntryCollector();
    for (const entry of entries) addAuthenticatorEntry(entry, collector);
    return { status: 'ready', result: result(collector) };
  }
  checkArgon2Work(unlockWork(json, records));
  return {
    status: 'locked',
    format: 'authenticator',
    unlock: (passphrase) => unlock(json, entries, passphrase),
  };
}

function indexOf(entry: Json, position: number): number {
  return typeof entry.index === 'number' && Number.isFinite(entry.index) ? entry.index : position;
}

const result = (collector: EntryCollector): ImportResult => ({
  format: 'authenticator',
  accounts: collector.accounts,
  rejected: collector.rejected,
  warnings: [],
});

const wrong = () => new ImportError('wrong-passphrase', 'The passphrase does not open this backup');
const damaged = (what: string) => new ImportError('damaged', `The backup's ${what} does not decrypt`);

async function unlock(json: Json, entries: readonly Json[], passphrase: string): Promise<ImportResult> {
  const secretKey = await legacySecretKey(json, passphrase);
  const entryKeys = await v3Keys(json, entries, passphrase);
  const decrypted = await Promise.all(
    entries.map(async (entry): Promise<AuthenticatorEntry | 'unopened' | 'failed'> => {
      if (isEncryptedEntry(entry)) {
        const key = entryKeys.get(String(entry.keyId));
        if (key === undefined) return 'unopened';
        const plain = await decryptOpenSslAes(String(entry.data), key);
        const inner = plain === null ? undefined : parseJsonBytes(plain);
        if (!isObject(inner)) throw damaged('entry');
        return { ...inner, index: entry.index };
      }
      if (entry.encrypted !== true) return entry;
      const plain = await decryptOpenSslAes(String(entry.secret), secretKey);
      const secret = plain === null ? undefined : utf8(plain);
      // What the extension accepts as a decrypted secret (src/models/encryption.ts).
      if (secret === undefined || !/^([a-z2-7]+=*|[0-9a-f]+|(blz|bliz|stm)-.*)$/i.test(secret))
        return 'failed';
      return { ...entry, secret };
    }),
  );
  const failed = decrypted.filter((entry) => entry === 'failed').length;
  if (failed > 0) {
    // v1 has no key to check the passphrase against: a wrong one fails every secret.
    if (secretKey === passphrase && failed === decrypted.filter((e) => e !== 'unopened').length)
      throw wrong();
    throw damaged('secret');
  }
  if (entryKeys.size === 0 && decrypted.includes('unopened')) throw wrong();
  const collector = new EntryCollector();
  for (const entry of decrypted) {
    if (entry === 'unopened') collector.reject('?', 'bad-entry');
    else if (entry !== 'failed') addAuthenticatorEntry(entry, collector);
  }
  return result(collector);
}

/** v2's key: `key: {enc, hash}`, or top-level `enc` and `hash` (bug #557). */
function legacyKey(json: Json): { readonly enc: string; readonly hash: string } | undefined {
  const key = isObject(json.key) ? json.key : json;
  return typeof key.enc === 'string' && typeof key.hash === 'string'
    ? { enc: key.enc, hash: key.hash }
    : undefined;
}

/** v2's key (as hex, the way CryptoJS's `toString()` gives it), or the passphrase itself (v1). */
async function legacySecretKey(json: Json, passphrase: string): Promise<string> {
  const key = legacyKey(json);
  if (key === undefined) return passphrase;
  const plain = await decryptOpenSslAes(key.enc, passphrase);
  if (plain === null) throw wrong();
  const hex = bytesToHex(plain);
  if ((await verifyArgon2Hash(key.hash, hex)) === false) throw wrong();
  return hex;
}

/**
 * v3: the key records the entries use, each once. An entry names its key by `keyId`, and the
 * extension finds that key stored under its id (src/import.ts, `findAndUnlockKey`); so does this
 * code. Keys no entry uses, and further records with a used id, are never tried.
 */
function keyRecords(json: Json, entries: readonly Json[]): Json[] {
  const used = new Set(entries.filter(isEncryptedEntry).map((entry) => String(entry.keyId)));
  return [...used].flatMap((id) => {
    const record = Object.hasOwn(json, id) ? json[id] : undefined;
    return isObject(record) && record.dataType === 'Key' && String(record.id) === id ? [record] : [];
  });
}

/** The argon2 work (import-limits.ts) one passphrase costs: v2's key hash, and per v3 key its derivation and hash. */
function unlockWork(json: Json, records: readonly Json[]): number {
  const legacy = legacyKey(json);
  let work = legacy === undefined ? 0 : argon2HashWork(legacy.hash);
  for (const record of records) {
    work += argon2Work(ARGON2ID_DEFAULTS);
    if (typeof record.hash === 'string') work += argon2HashWork(record.hash);
  }
  return work;
}

/**
 * v3: the decryption text of every key the passphrase opens, by key id. Every key in use is
 * tried, as the extension does: entries under another key need that key, whichever opened first.
 */
async function v3Keys(
  json: Json,
  entries: readonly Json[],
  passphrase: string,
): Promise<Map<string, string>> {
  const used = entries.some(isEncryptedEntry);
  const opened = new Map<string, string>();
  // At most MAX_KEY_SLOTS, and MAX_ARGON2_WORK in all: readAuthenticatorBackup refused the file otherwise.
  for (const record of keyRecords(json, entries)) {
    if (typeof record.salt !== 'string' || typeof record.hash !== 'string') throw damaged('key');
    const salt = new TextEncoder().encode(record.salt);
    const raw = await deriveArgon2(passphrase, salt, ARGON2ID_DEFAULTS, 32).catch((cause: unknown) => {
      throw new ImportError('damaged', "The backup's key has an unusable salt", { cause });
    });
    // argon2-browser's encoded hash: base64 without padding.
    const text = withoutPadding(bytesToBase64(raw));
    const verified = await verifyArgon2Hash(record.hash, text);
    if (verified === undefined) throw damaged('key');
    if (verified) opened.set(String(record.id), text);
  }
  if (used && opened.size === 0) throw wrong();
  return opened;
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
