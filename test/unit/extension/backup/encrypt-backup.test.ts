import { describe, expect, test } from 'vitest';
import {
  BackupIntegrityError,
  BackupPassphraseError,
  BackupVersionError,
  encryptBackup,
} from '../../../../extension/backup';
import { readBackupFile } from '../../../../extension/backup/open-backup';
import { readImportText } from '../../../../extension/import';
import { ACCOUNTS, errorCode, expectSameAccounts, fixtureDraft, manyDrafts } from '../import/import-fixtures';

const PASSPHRASE = 'Lange zin als wachtwoord, 2026';
const drafts = ACCOUNTS.map((a, i) => fixtureDraft(a, { name: `Eigen naam ${i}`, pinned: i === 1 }));

async function restore(text: string, passphrase = PASSPHRASE) {
  const reading = await readImportText(text);
  if (reading.status !== 'locked') throw new Error('expected a passphrase request');
  expect(reading.format).toBe('backup');
  return reading.unlock(passphrase);
}

/** Errors from reading (before the passphrase) and opening; undefined when it opened. */
async function failure(text: string): Promise<unknown> {
  try {
    await (await readBackupFile(text)).open(PASSPHRASE);
    return undefined;
  } catch (error) {
    return error;
  }
}

const file = await encryptBackup(drafts, PASSPHRASE);

describe('our encrypted backup', () => {
  test('round trip: every account with its names, pin and parameters; the codes match an independent HMAC', async () => {
    const { accounts } = await restore(file);
    expectSameAccounts(accounts, ACCOUNTS);
    expect(accounts.map((a) => [a.name, a.pinned ?? false])).toEqual(drafts.map((d) => [d.name, d.pinned]));
  });

  test('the file holds no secret, name or parameter in the clear', () => {
    for (const draft of drafts) {
      expect(file).not.toContain(draft.issuer);
      expect(file).not.toContain(draft.label);
    }
    expect(file).not.toMatch(/SHA256|period|GEZDGNBV/);
  });

  test('a wrong passphrase says so (one letter’s case is enough); the right one opens', async () => {
    expect(await errorCode(restore(file, 'lange zin als wachtwoord, 2026'))).toBe('wrong-passphrase');
    expect(await failure(file)).toBeUndefined();
  });

  test('a flipped byte anywhere is an integrity error, found before the passphrase is used', async () => {
    const bytes = new TextEncoder().encode(file);
    for (let i = 0; i < bytes.length; i++) {
      const flipped = new Uint8Array(bytes);
      flipped[i] = (flipped[i] ?? 0) ^ 0x01;
      const text = new TextDecoder().decode(flipped);
      const error = await readBackupFile(text).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, `byte ${i} (${JSON.stringify(file[i])})`).toBeInstanceOf(BackupIntegrityError);
    }
  });

  test('altered ciphertext with a recomputed checksum fails GCM: an integrity error, not a wrong account', async () => {
    const { createHash } = await import('node:crypto');
    const json = JSON.parse(file);
    const sealed = Buffer.from(json.ciphertext, 'base64');
    sealed[5] = (sealed[5] ?? 0) ^ 0x01;
    json.ciphertext = sealed.toString('base64');
    const { checksumInput } = await import('../../../../extension/backup/backup-format');
    json.checksum = createHash('sha256').update(checksumInput(json)).digest('base64');
    expect(await failure(JSON.stringify(json))).toBeInstanceOf(BackupIntegrityError);
  });

  test('truncated anywhere: damaged', async () => {
    for (const length of [0, 1, 40, Math.floor(file.length / 2), file.length - 3]) {
      const error = await failure(file.slice(0, length));
      if (length === 0) expect(await errorCode(readImportText(''))).toBe('unknown-format');
      else expect(error, `length ${length}`).toBeInstanceOf(BackupIntegrityError);
    }
  });

  test('a newer version is refused with the versions named, and nothing else is read', async () => {
    const newer = JSON.stringify({ ...JSON.parse(file), version: 2, ciphertext: 'anything' });
    const error = await failure(newer);
    expect(error).toBeInstanceOf(BackupVersionError);
    expect(error).toMatchObject({ found: 2, supported: 1 });
    expect(await errorCode(readImportText(newer))).toBe('newer-version');
  });

  test('the wrong passphrase error type is distinct from the integrity error', async () => {
    expect(await failure(await encryptBackup(drafts.slice(0, 1), 'een ander wachtwoord'))).toBeInstanceOf(
      BackupPassphraseError,
    );
  });

  test('KDF parameters beyond the limits are refused without running the KDF', async () => {
    const { createHash } = await import('node:crypto');
    const { checksumInput } = await import('../../../../extension/backup/backup-format');
    const json = JSON.parse(file);
    json.kdf.memoryKiB = 4 * 1024 * 1024;
    json.checksum = createHash('sha256').update(checksumInput(json)).digest('base64');
    // Every Argon2 run is recorded as a `kdf` measure; the refusal must add none.
    const kdfRuns = () => performance.getEntriesByName('kdf').length;
    const before = kdfRuns();
    expect(await failure(JSON.stringify(json))).toBeInstanceOf(BackupIntegrityError);
    expect(kdfRuns()).toBe(before);
  });

  test('each account’s websites come back; malformed ones are dropped, of too many the first 20 kept', async () => {
    const sites = Array.from({ length: 25 }, (_, i) => `https://s${i}.portaal.example`);
    const [first, second, third] = drafts;
    if (first === undefined || second === undefined || third === undefined) throw new Error('fixtures');
    const withSites = [
      { ...first, origins: ['https://portaal.example.nl'] },
      { ...second, origins: sites },
      { ...third, origins: ['https://portaal.example.nl/login'] },
    ];
    const { accounts } = await restore(await encryptBackup(withSites, PASSPHRASE));
    expect(accounts.map((a) => a.origins)).toEqual([
      ['https://portaal.example.nl'],
      sites.slice(0, 20),
      undefined,
    ]);
  });

  test('a backup of 1,000 accounts restores every one', async () => {
    const many = manyDrafts(1000);
    const { accounts } = await restore(await encryptBackup(many, PASSPHRASE));
    expect(accounts.map((a) => a.issuer)).toEqual(many.map((a) => a.issuer));
  });
});
