import { createDecipheriv, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hashRaw } from '@node-rs/argon2';
import { describe, expect, test } from 'vitest';
import { encryptBackup } from '../../../../extension/backup';
import { readImportText } from '../../../../extension/import';
import { currentCode } from '../../../../extension/otp';

/** The test vector of docs/backup.md: its inputs as the document states them, its file from its last JSON block. */
const doc = readFileSync('docs/backup.md', 'utf8');
const vectorText = `${[...doc.matchAll(/```json\n([\s\S]*?)```/g)].at(-1)?.[1]?.trim() ?? ''}\n`;
const vector = JSON.parse(vectorText);
const PASSPHRASE = 'correct horse battery staple';
const inputs = {
  salt: Uint8Array.from({ length: 16 }, (_, i) => i),
  nonce: Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i),
  now: 1_767_225_600_000,
};
const account = {
  type: 'totp',
  secret: new TextEncoder().encode('12345678901234567890'),
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
  issuer: 'Voorbeeld',
  label: 'demo@praktijk.nl',
  name: 'Balie',
} as const;

describe('docs/backup.md test vector', () => {
  test('is what encryptBackup writes for the documented inputs, byte for byte', async () => {
    expect(await encryptBackup([account], PASSPHRASE, inputs)).toBe(vectorText);
  });

  test('restores to the documented account, whose code at 59 s is RFC 6238’s 94287082', async () => {
    const reading = await readImportText(vectorText);
    if (reading.status !== 'locked') throw new Error('expected a passphrase request');
    const { accounts } = await reading.unlock(PASSPHRASE);
    expect(accounts).toEqual([account]);
    expect(currentCode(accounts[0] ?? account, 59_000)).toBe('94287082');
  });

  test('decrypts with the documented construction, computed independently (@node-rs/argon2, node:crypto)', async () => {
    const master = await hashRaw(PASSPHRASE.normalize('NFC'), {
      algorithm: 2, // Argon2id
      memoryCost: vector.kdf.memoryKiB,
      timeCost: vector.kdf.iterations,
      parallelism: vector.kdf.parallelism,
      outputLen: 32,
      salt: Buffer.from(vector.kdf.salt, 'base64'),
    });
    const hkdf = (label: string) =>
      Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `totp-authenticator-backup ${label}`, 32));
    expect(hkdf('key check').toString('base64')).toBe(vector.keyCheck);
    const sealed = Buffer.from(vector.ciphertext, 'base64');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      hkdf('encryption key'),
      Buffer.from(vector.cipher.nonce, 'base64'),
    );
    decipher.setAAD(Buffer.from('totp-authenticator-backup:1'));
    decipher.setAuthTag(sealed.subarray(-16));
    const plain = JSON.parse(
      Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]).toString(),
    );
    expect(plain).toEqual({
      exportedAt: inputs.now,
      accounts: [{ ...account, secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', pinned: false }],
    });
  });
});
