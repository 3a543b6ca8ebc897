import { createCipheriv, createHash, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { hash as argon2Hash, hashRaw as argon2HashRaw } from '@node-rs/argon2';
import { Secret } from 'otpauth';
import { expect } from 'vitest';
import {
  ImportError,
  type ImportFormat,
  type ImportResult,
  readImportText,
} from '../../../../extension/import';
import { currentCode } from '../../../../extension/otp';
import type { AccountDraft, AccountNames } from '../../../../extension/otp/account';
import { referenceHotp, referenceTotp } from '../../../support/reference-otp';

/**
 * Fixtures for the import tests, built the way each app writes its files (their sources and
 * docs, cited per builder), with node:crypto and @node-rs/argon2: independent of the code under
 * test. No app's code is copied.
 */

/** @node-rs/argon2's `Algorithm.Argon2id` (a const enum that verbatimModuleSyntax cannot import). */
const ARGON2ID = 2;
/** The Authenticator extension's argon2 parameters (src/argon.ts): argon2id, m = 19 MiB, t = 2, p = 1. */
const AUTHENTICATOR_ARGON2 = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

/** An account in a fixture, with what an independent computation needs. */
export interface FixtureAccount {
  readonly type: 'totp' | 'hotp';
  readonly secret: Uint8Array;
  readonly issuer: string;
  readonly label: string;
  readonly algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  readonly digits: number;
  readonly period: number;
  readonly counter: number;
}

const bytes = (seed: number, length: number) =>
  Uint8Array.from({ length }, (_, i) => (seed * 37 + i * 11 + 5) & 0xff);
export const base32 = (secret: Uint8Array) => new Secret({ buffer: new Uint8Array(secret).buffer }).base32;

/** Every parameter an app can give: algorithms, 6 and 8 digits, another period, HOTP with a counter. */
export const ACCOUNTS: readonly FixtureAccount[] = [
  {
    type: 'totp',
    secret: bytes(1, 20),
    issuer: 'Gemeente Voorbeeld',
    label: 'balie@praktijk.nl',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  },
  {
    type: 'totp',
    secret: bytes(2, 32),
    issuer: 'Zorgportaal',
    label: 'assistent',
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
    counter: 0,
  },
  {
    type: 'totp',
    secret: bytes(3, 64),
    issuer: 'Bank',
    label: 'praktijk',
    algorithm: 'SHA512',
    digits: 6,
    period: 30,
    counter: 0,
  },
  {
    type: 'hotp',
    secret: bytes(4, 20),
    issuer: 'VPN',
    label: 'dokter',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 7,
  },
];

/** 2026-01-01T00:00:10Z: where the codes are compared. */
export const NOW = 1_767_225_610_000;

/**
 * Checks the drafts against the fixture accounts: names and parameters, and the codes at NOW
 * (and the next step or counter) against node:crypto's HMAC.
 */
export function expectSameAccounts(
  drafts: readonly AccountDraft[],
  expected: readonly FixtureAccount[],
): void {
  expect(drafts).toHaveLength(expected.length);
  expected.forEach((want, i) => {
    const got = drafts[i];
    if (got === undefined) throw new Error(`account ${i} missing`);
    expect({
      type: got.type,
      issuer: got.issuer,
      label: got.label,
      algorithm: got.algorithm,
      digits: got.digits,
    }).toEqual({
      type: want.type,
      issuer: want.issuer,
      label: want.label,
      algorithm: want.algorithm,
      digits: want.digits,
    });
    if (want.type === 'totp') {
      expect(got.type === 'totp' && got.period).toBe(want.period);
      for (const at of [NOW, NOW + want.period * 1000]) {
        expect(currentCode(got, at), `${want.issuer} at ${at}`).toBe(
          referenceTotp(want.secret, at, want.algorithm, want.digits, want.period),
        );
      }
    } else {
      expect(got.type === 'hotp' && got.counter).toBe(want.counter);
      expect(currentCode(got, NOW)).toBe(
        referenceHotp(want.secret, want.counter, want.algorithm, want.digits),
      );
    }
  });
}

// ---- The Authenticator extension (Authenticator-Extension/Authenticator) ----

/** Its `RawOTPStorage`, as `EntryStorage.backupGetExport` writes it (defaults left out). */
export function authenticatorEntry(account: FixtureAccount, index: number, hex = false) {
  return {
    dataType: 'OTPStorage',
    encrypted: false,
    hash: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    index,
    type: hex ? (account.type === 'totp' ? 'hex' : 'hhex') : account.type,
    secret: hex ? Buffer.from(account.secret).toString('hex') : base32(account.secret),
    issuer: account.issuer,
    account: account.label,
    ...(account.type === 'hotp' ? { counter: account.counter } : {}),
    ...(account.period !== 30 ? { period: account.period } : {}),
    ...(account.digits !== 6 ? { digits: account.digits } : {}),
    ...(account.algorithm !== 'SHA1' ? { algorithm: account.algorithm } : {}),
  };
}

export function authenticatorPlain(accounts: readonly FixtureAccount[] = ACCOUNTS): Record<string, unknown> {
  return Object.fromEntries(
    accounts.map((a, i) => [authenticatorEntry(a, i).hash, authenticatorEntry(a, i)]),
  );
}

/** CryptoJS.AES.encrypt(data, passphrase): OpenSSL's "Salted__" + salt + AES-256-CBC, key and IV by EVP_BytesToKey (MD5). */
export function cryptoJsEncrypt(data: string | Uint8Array, passphrase: string): string {
  const salt = randomBytes(8);
  let derived = Buffer.alloc(0);
  let block = Buffer.alloc(0);
  while (derived.length < 48) {
    block = createHash('md5')
      .update(Buffer.concat([block, Buffer.from(passphrase, 'utf8'), salt]))
      .digest();
    derived = Buffer.concat([derived, block]);
  }
  const cipher = createCipheriv('aes-256-cbc', derived.subarray(0, 32), derived.subarray(32, 48));
  const body = Buffer.concat([
    cipher.update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data),
    cipher.final(),
  ]);
  return Buffer.concat([Buffer.from('Salted__'), salt, body]).toString('base64');
}

/**
 * v3 (src/store/Accounts.ts `applyPassphrase` migration, `genHash`): the key is
 * base64(argon2id(passphrase, salt)); stored under its id, which each entry names as `keyId`.
 * `firstIndex` numbers the entries (and their hashes) from there, to merge two such files.
 */
export async function authenticatorV3(
  passphrase: string,
  accounts: readonly FixtureAccount[] = ACCOUNTS,
  {
    keyId = '11111111-2222-4333-8444-555555555555',
    salt = 'a3f19c2e7b4d80561f2e9c3b', // genHash: hex digits of random 16-bit values
    firstIndex = 0,
  } = {},
) {
  const raw = await argon2HashRaw(passphrase, { ...AUTHENTICATOR_ARGON2, salt: Buffer.from(salt) });
  const key = raw.toString('base64').replace(/=+$/, '');
  const hashOfKey = await argon2Hash(key, AUTHENTICATOR_ARGON2);
  const file: Record<string, unknown> = {
    [keyId]: { dataType: 'Key', id: keyId, salt, hash: hashOfKey, version: 3 },
  };
  accounts.forEach((account, i) => {
    const index = firstIndex + i;
    const inner = { ...authenticatorEntry(account, index), encrypted: true, keyId };
    file[inner.hash] = {
      dataType: 'EncOTPStorage',
      keyId,
      data: cryptoJsEncrypt(JSON.stringify(inner), key),
      index,
    };
  });
  return file;
}

/** v2 (commit "Argon2 + encryption changes"): a random key, CryptoJS-encrypted under the passphrase; secrets under its hex. */
export async function authenticatorV2(
  passphrase: string,
  accounts: readonly FixtureAccount[] = ACCOUNTS,
  bug557 = false,
) {
  const randomKey = randomBytes(120);
  const hex = randomKey.toString('hex');
  const key = {
    enc: cryptoJsEncrypt(randomKey, passphrase),
    hash: await argon2Hash(hex, AUTHENTICATOR_ARGON2),
  };
  const entries = Object.fromEntries(
    accounts.map((a, i) => {
      const entry = authenticatorEntry(a, i);
      return [entry.hash, { ...entry, encrypted: true, secret: cryptoJsEncrypt(entry.secret, hex) }];
    }),
  );
  return bug557 ? { ...entries, ...key } : { ...entries, key };
}

/** v1: each secret CryptoJS-encrypted under the passphrase itself, no key record. */
export function authenticatorV1(passphrase: string, accounts: readonly FixtureAccount[] = ACCOUNTS) {
  return Object.fromEntries(
    accounts.map((a, i) => {
      const entry = authenticatorEntry(a, i);
      return [entry.hash, { ...entry, encrypted: true, secret: cryptoJsEncrypt(entry.secret, passphrase) }];
    }),
  );
}

// ---- Aegis (beemdevelopment/Aegis docs/vault.md) ----

export function aegisContent(accounts: readonly FixtureAccount[] = ACCOUNTS) {
  return {
    version: 3,
    entries: accounts.map((a, i) => ({
      type: a.type,
      uuid: `01234567-89ab-4def-8123-${String(i).padStart(12, '0')}`,
      name: a.label,
      issuer: a.issuer,
      note: '',
      favorite: i === 0,
      icon: null,
      info: {
        secret: base32(a.secret),
        algo: a.algorithm,
        digits: a.digits,
        ...(a.type === 'totp' ? { period: a.period } : { counter: a.counter }),
      },
      groups: [],
    })),
    groups: [],
  };
}

export function aegisPlain(accounts: readonly FixtureAccount[] = ACCOUNTS) {
  return { version: 1, header: { slots: null, params: null }, db: aegisContent(accounts) };
}

function gcm(key: Uint8Array, plain: Uint8Array) {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { nonce, data, tag: cipher.getAuthTag() };
}

/** An encrypted vault: a password slot (scrypt N = 2^15, r = 8, p = 1, 32-byte salt) wrapping the master key. */
export function aegisEncrypted(password: string, content: unknown = aegisContent()) {
  const masterKey = randomBytes(32);
  const salt = randomBytes(32);
  const kek = scryptSync(password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const slot = gcm(kek, masterKey);
  const db = gcm(masterKey, Buffer.from(JSON.stringify(content)));
  return {
    version: 1,
    header: {
      slots: [
        {
          type: 1,
          uuid: '01234567-89ab-4def-8123-456789abcdef',
          key: slot.data.toString('hex'),
          key_params: { nonce: slot.nonce.toString('hex'), tag: slot.tag.toString('hex') },
          n: 32768,
          r: 8,
          p: 1,
          salt: salt.toString('hex'),
          repaired: true,
        },
      ],
      params: { nonce: db.nonce.toString('hex'), tag: db.tag.toString('hex') },
    },
    db: db.data.toString('base64'),
  };
}

// ---- 2FAS (twofas/2fas-android: BackupContent, BackupCipherImpl, BackupKeyGeneratorPbkdf) ----

/** The fixed text 2FAS encrypts as `reference` to check the password (BackupContent.Reference). */
export const TWOFAS_REFERENCE =
  'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd';

export function twofasServices(accounts: readonly FixtureAccount[] = ACCOUNTS) {
  return accounts
    .map((a, i) => ({
      name: a.issuer,
      secret: base32(a.secret),
      updatedAt: 1_700_000_000_000,
      serviceTypeID: null,
      otp: {
        link: null,
        label: `${a.issuer}:${a.label}`,
        account: a.label,
        issuer: a.issuer,
        digits: a.digits,
        period: a.period,
        algorithm: a.algorithm,
        counter: a.counter,
        tokenType: a.type.toUpperCase(),
        source: 'Link',
      },
      // Listed in reverse, so the test sees that `order.position` decides.
      order: { position: i },
      badge: null,
      icon: null,
      groupId: null,
    }))
    .reverse();
}

const twofasBase = {
  groups: [],
  updatedAt: 1_700_000_000_000,
  schemaVersion: 4,
  appVersionCode: 5000000,
  appVersionName: '5.0.0',
  appOrigin: 'android',
};

export function twofasPlain(accounts: readonly FixtureAccount[] = ACCOUNTS) {
  return { services: twofasServices(accounts), ...twofasBase };
}

/** PBKDF2-HMAC-SHA256 (10,000 iterations, 256-byte salt), AES-256-GCM; each part "data+tag:salt:iv" in base64. */
export function twofasEncrypted(password: string, accounts: readonly FixtureAccount[] = ACCOUNTS) {
  const salt = randomBytes(256);
  const key = pbkdf2Sync(password, salt, 10_000, 32, 'sha256');
  const part = (text: string) => {
    const { nonce, data, tag } = gcm(key, Buffer.from(text));
    return [Buffer.concat([data, tag]), salt, nonce].map((b) => b.toString('base64')).join(':');
  };
  return {
    services: [],
    ...twofasBase,
    servicesEncrypted: part(JSON.stringify(twofasServices(accounts))),
    reference: part(TWOFAS_REFERENCE),
  };
}

// ---- Reading ----

/** Reads `file` (an object is serialised as JSON) and expects it to need no passphrase. */
export async function readPlain(file: unknown): Promise<ImportResult> {
  const reading = await readImportText(typeof file === 'string' ? file : JSON.stringify(file, null, 2));
  if (reading.status !== 'ready') throw new Error(`expected a plain file, got ${reading.status}`);
  return reading.result;
}

/** Reads `file` and expects a passphrase request for `format`; returns the unlock function. */
export async function readLocked(file: unknown, format: ImportFormat) {
  const reading = await readImportText(typeof file === 'string' ? file : JSON.stringify(file, null, 2));
  if (reading.status !== 'locked') throw new Error('expected an encrypted file');
  expect(reading.format).toBe(format);
  return reading.unlock;
}

/** The ImportError code a promise rejects with (fails the test if it resolves or throws otherwise). */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).code;
}

/** A fixture account as the draft an import should give (no name, not pinned). */
export function fixtureDraft(
  a: FixtureAccount,
  names: Partial<AccountNames & { pinned: boolean }> = {},
): AccountDraft {
  const common = {
    secret: a.secret,
    algorithm: a.algorithm,
    digits: a.digits,
    issuer: a.issuer,
    label: a.label,
    name: '',
  };
  return a.type === 'totp'
    ? { type: 'totp', period: a.period, ...common, ...names }
    : { type: 'hotp', counter: a.counter, ...common, ...names };
}

/** `count` copies of the first fixture account, each with its own issuer "Dienst <i>". */
export function manyDrafts(count: number): AccountDraft[] {
  const [first] = ACCOUNTS;
  if (first === undefined) throw new Error('fixtures');
  return Array.from({ length: count }, (_, i) => fixtureDraft(first, { issuer: `Dienst ${i}` }));
}
