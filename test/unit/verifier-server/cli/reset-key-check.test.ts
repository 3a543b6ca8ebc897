import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../../../../verifier-server/cli/run-cli';
import { defaultConfig } from '../../../../verifier-server/config';
import { checkMasterKey, MasterKeyMismatchError } from '../../../../verifier-server/startup/check-master-key';
import type { Store } from '../../../../verifier-server/store/store';
import { userWithSealedAuthenticator } from '../../../support/sealed-authenticator';
import { captureIo } from '../../../support/verifier-process';
import { createTestDatabase, type TestDatabase } from '../../../support/verifier-test-database';
import { openTestStore } from '../../../support/verifier-test-store';

/**
 * `reset-key-check`: after the master key was lost (or replaced on purpose), the operator makes
 * the new key the database's. Authenticators the new key cannot open are named, and removed only
 * when asked; on both stores.
 */

let db: TestDatabase;
let store: Store;
const NOW = 1_800_000_000;
const newKey = () => new Uint8Array(randomBytes(32));

beforeEach(async () => {
  db = await createTestDatabase();
  store = await openTestStore(db.config);
});
afterEach(async () => {
  await store.close();
  await db.remove();
});

async function cli(key: Uint8Array, args: string[] = []) {
  const config = defaultConfig({ ...db.config, secretKey: key, log: false });
  const capture = captureIo();
  const code = await runCli(['reset-key-check', ...args], config, capture.io);
  return { code, out: capture.out(), err: capture.err() };
}

/** A user with an authenticator sealed with `key`, and a remembered browser. */
async function userWithAuthenticator(username: string, key: Uint8Array) {
  const { userId, id } = await userWithSealedAuthenticator(store, key, { username, createdAt: NOW });
  const token = `remember-${id}`;
  await store.saveRememberToken({ tokenHash: token, userId, expiresAt: NOW + 3600, revoked: false });
  return { userId, id, token };
}

describe('reset-key-check', () => {
  // Found by an attacker review: list-authenticators printed stored names escaped, this listing raw.
  test('names an unreadable authenticator with control characters escaped, never raw', async () => {
    const lost = newKey();
    const { id } = await userWithAuthenticator('an\u001b]0;x\u0007na', lost);
    await store.renameAuthenticator(
      id,
      (await store.findUserByName('an\u001b]0;x\u0007na'))?.id ?? 0,
      'x\u001b[2J\u009b31m',
    );
    await checkMasterKey(store, lost);
    const named = await cli(newKey());
    expect(named.code).toBe(1);
    expect(named.err).not.toMatch(/\p{Cc}(?<![\t\n])/u);
    expect(named.err).toContain(`${id}\tx\\u{1b}[2J\\u{9b}31m\tof "an\\u{1b}]0;x\\u{7}na"`);
  });

  test('a lost key: the unreadable authenticators are named and kept until asked, then removed', async () => {
    const lost = newKey();
    const anna = await userWithAuthenticator('anna', lost);
    const bert = await userWithAuthenticator('bert', lost);
    await checkMasterKey(store, lost);
    const replacement = newKey();
    await expect(checkMasterKey(store, replacement)).rejects.toThrow(MasterKeyMismatchError);

    const named = await cli(replacement);
    expect(named.code).toBe(1);
    expect(named.err).toContain('2 of 2 authenticators do not open with the key from the configuration');
    expect(named.err).toContain(`${anna.id}\tChrome plugin balie\tof "anna"`);
    expect(named.err).toContain('--remove-unreadable-authenticators');
    expect(named.err).toContain('Nothing was changed');
    expect(await store.listAuthenticators(anna.userId)).toHaveLength(1);
    await expect(checkMasterKey(store, replacement)).rejects.toThrow(MasterKeyMismatchError);

    const removed = await cli(replacement, ['--remove-unreadable-authenticators']);
    expect(removed.err).toBe('');
    expect(removed.code).toBe(0);
    expect(removed.out).toContain('Removed 2 authenticators');
    expect(await store.listAuthenticators(anna.userId)).toHaveLength(0);
    expect(await store.listAuthenticators(bert.userId)).toHaveLength(0);
    // As remove-authenticator does: the users' remembered browsers no longer skip the code.
    expect((await store.getRememberToken(anna.token))?.revoked).toBe(true);
    await checkMasterKey(store, replacement);
    await expect(checkMasterKey(store, lost)).rejects.toThrow(MasterKeyMismatchError);
  });

  test('only the authenticators the key cannot open are removed; the others and their users stay', async () => {
    const key = newKey();
    const kept = await userWithAuthenticator('anna', key);
    const foreign = await userWithAuthenticator('bert', newKey());
    const listed = await cli(key);
    expect(listed.code).toBe(1);
    expect(listed.err).toContain('1 of 2 authenticators do not open with the key from the configuration');
    expect(listed.err).toContain('Others do open: these are damaged or were sealed with another key');
    const removed = await cli(key, ['--remove-unreadable-authenticators']);
    expect(removed.code).toBe(0);
    expect(removed.out).toContain('Removed 1 authenticators');
    expect((await store.listAuthenticators(kept.userId)).map((a) => a.id)).toEqual([kept.id]);
    expect(await store.listAuthenticators(foreign.userId)).toHaveLength(0);
    expect((await store.getRememberToken(kept.token))?.revoked).toBe(false);
    expect((await store.getRememberToken(foreign.token))?.revoked).toBe(true);
  });

  test('a long list names ten and counts the rest', async () => {
    const lost = newKey();
    for (let i = 0; i < 12; i++) await userWithAuthenticator(`medewerker${i}`, lost);
    const listed = await cli(newKey());
    expect(listed.code).toBe(1);
    expect(listed.err).toContain('12 of 12 authenticators');
    expect(listed.err).toContain('None opens: if the key was not lost, this is the wrong key');
    expect(listed.err.match(/\tChrome plugin balie\t/g)).toHaveLength(10);
    expect(listed.err).toContain('… and 2 more');
  });

  test('the right key with a lost key check: nothing is removed, the key is recorded', async () => {
    const key = newKey();
    const anna = await userWithAuthenticator('anna', key);
    await store.replaceKeyCheck('a value from somewhere else');
    const reset = await cli(key);
    expect(reset.code).toBe(0);
    expect(reset.out).toContain('1 authenticators open with it');
    expect(await store.listAuthenticators(anna.userId)).toHaveLength(1);
    await checkMasterKey(store, key);
  });

  test('only the named flag: arguments and other options are usage errors that change nothing', async () => {
    const key = newKey();
    await checkMasterKey(store, key);
    const before = await store.getKeyCheck();
    expect((await cli(newKey(), ['now'])).code).toBe(2);
    expect((await cli(newKey(), ['--force'])).code).toBe(2);
    expect(await store.getKeyCheck()).toBe(before);
  });
});
