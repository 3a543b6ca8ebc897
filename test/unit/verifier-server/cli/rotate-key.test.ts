import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_TOTP } from '../../../../shared/otp-parameters';
import { deriveKeys } from '../../../../verifier-server/auth/derive-keys';
import { parseKey } from '../../../../verifier-server/auth/load-key';
import { authenticatorAad, openSecret } from '../../../../verifier-server/auth/secret-box';
import { CommandRefused } from '../../../../verifier-server/cli/cli-errors';
import { rotateKeyCommand } from '../../../../verifier-server/cli/rotate-key-command';
import { runCli } from '../../../../verifier-server/cli/run-cli';
import { defaultConfig } from '../../../../verifier-server/config';
import { checkMasterKey, MasterKeyMismatchError } from '../../../../verifier-server/startup/check-master-key';
import type { Store } from '../../../../verifier-server/store/store';
import { manualKeyOf } from '../../../support/manual-key-of';
import { userWithSealedAuthenticator } from '../../../support/sealed-authenticator';
import {
  addUser,
  enroll,
  latestCodeFor,
  loginByEmail,
  passwordStep,
  totp,
} from '../../../support/verifier-fixtures';
import { captureIo } from '../../../support/verifier-process';
import { createTestApp, type TestApp, testClock } from '../../../support/verifier-test-app';
import { createTestDatabase, type TestDatabase } from '../../../support/verifier-test-database';
import { openTestStore } from '../../../support/verifier-test-store';
import { browserWithCookies, loginWithTotp, outbox } from '../routes/route-test-helpers';

/**
 * `rotate-key --new-key-file <path>`: the practice replaces its master key (one that may have
 * leaked, or a colleague who had it left) and nobody has to add an authenticator again. On both
 * stores: every sealed value is sealed with the new key in one transaction, or nothing changes.
 */

let db: TestDatabase;
let dir: string;
let closers: Array<() => Promise<unknown>> = [];
const newKey = () => new Uint8Array(randomBytes(32));

/** Stops every instance (app and store) the test opened, newest first: as before a rotation. */
async function stopAll(): Promise<void> {
  const open = closers.reverse();
  closers = [];
  for (const close of open) await close();
}

beforeEach(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'verifier-rotate-'));
});
afterEach(async () => {
  await stopAll();
  await db.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** A store on the test database, as a serving instance opens it. */
async function openStore(): Promise<Store> {
  const store = await openTestStore(db.config);
  closers.push(() => store.close());
  return store;
}

/** The practice's verifier with master key `key` on the test database, as one instance runs it. */
async function verifier(key: Uint8Array, clock = testClock()): Promise<TestApp> {
  const store = await openStore();
  await store.holdInstanceLock(); // as a start does (startup/prepare-database.ts)
  await checkMasterKey(store, key);
  const t = await createTestApp({ store, clock, config: { secretKey: key } });
  closers.push(() => t.app.close());
  return t;
}

/** `npm run verifier -- rotate-key …` with the configured key `key` (from the key file `keyFile`, if given). */
async function rotate(key: Uint8Array, args: string[], keyFile: string | null = null, clock = testClock()) {
  const config = defaultConfig({ ...db.config, secretKey: key, log: false, now: clock.now });
  const capture = captureIo();
  const code = await runCli(['rotate-key', ...args], config, capture.io, {
    keySource: keyFile === null ? 'VERIFIER_KEY' : `the key file ${keyFile}`,
    keyFile,
  });
  return { code, out: capture.out(), err: capture.err() };
}

/** The database now starts with `key`, and the authenticator `a` (userWithSealedAuthenticator's) opens with it. */
async function expectRunsWith(key: Uint8Array, a: { id: string; userId: number }): Promise<void> {
  const store = await openStore();
  await checkMasterKey(store, key);
  const [stored] = await store.newestAuthenticators(1);
  const sealed = stored?.secretSealed ?? new Uint8Array();
  expect(openSecret(deriveKeys(key).secrets, sealed, authenticatorAad(a.id, a.userId))).toEqual(
    new Uint8Array(20).fill(7),
  );
}

const keyFileWith = (name: string, key: Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, `${Buffer.from(key).toString('base64')}\n`, { mode: 0o600 });
  return path;
};

describe('rotate-key', () => {
  test('staff notice nothing: authenticators, sessions, remembered browsers, a half-done enrollment and the outbox keep working', async () => {
    const clock = testClock();
    const oldKey = newKey();
    const before = await verifier(oldKey, clock);
    const balie = await addUser(before, { username: 'balie' });
    const enrolling = await loginByEmail(before, balie);
    const auth = await enroll(before, enrolling, balie, 'Chrome plugin balie');
    const { browser: remembered } = await loginWithTotp(before, balie, auth, { remember: true });
    const { browser: signedIn } = await loginWithTotp(before, balie, auth);
    const usedCode = totp(auth.secret, clock.now());
    // Step 1 of a second authenticator done; its QR code's secret read as a person types it.
    await enrolling.get('/account/authenticators/new');
    await enrolling.post('/account/authenticators/new', { name: 'Chrome plugin balie 2' });
    const step2 = await enrolling.get('/account/authenticators/new/step-2');
    const pendingSecret = manualKeyOf(step2.body);
    // A code by e-mail asked for and not used yet: hashed with the old key, so it goes.
    const { browser: asking } = await passwordStep(before, balie);
    await asking.get('/login/fallback');
    await asking.post('/login/fallback', { channel: 'email' });
    const sentBefore = await latestCodeFor(asking, balie.email);
    const messages = (await outbox(before)).length;
    await stopAll();

    const newFile = join(dir, 'keys', 'verifier.key');
    const rotated = await rotate(oldKey, ['--new-key-file', newFile], null, clock);
    expect(rotated.err).toBe('');
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain(`The master key is replaced by the key in ${newFile} (created now`);
    expect(rotated.out).toContain(
      `Sealed again with it: 1 authenticator secret, 1 pending enrollment, ${messages} outbox messages.`,
    );
    expect(rotated.out).toContain('Removed 1 unused code sent by e-mail or SMS');
    expect(statSync(newFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    const key = parseKey(readFileSync(newFile, 'utf8'), 'the new key file');
    expect(Buffer.from(key).equals(Buffer.from(oldKey))).toBe(false);
    expect(rotated.out).not.toContain(Buffer.from(key).toString('base64'));

    // The old key no longer starts; the new one does, and opens every secret it sealed.
    await expect(checkMasterKey(await openStore(), oldKey)).rejects.toThrow(MasterKeyMismatchError);
    const after = await verifier(key, clock);
    // The outbox reads as before: every message sealed again.
    expect(await outbox(after)).toHaveLength(messages);
    const [stored] = await after.ctx.store.listAuthenticators(balie.id);
    expect(() =>
      openSecret(
        deriveKeys(oldKey).secrets,
        stored?.secretSealed ?? new Uint8Array(),
        authenticatorAad(auth.id, balie.id),
      ),
    ).toThrow();
    // The signed-in browser stays signed in; the remembered one still skips the code.
    expect(
      (await browserWithCookies(after, Object.fromEntries(signedIn.cookies)).get('/account')).status,
    ).toBe(200);
    const back = browserWithCookies(after, Object.fromEntries(remembered.cookies));
    await back.get('/account');
    await back.post('/logout');
    expect((await passwordStep(after, balie, back)).page.location).toBe('/account');
    // The code used before the rotation is still used; the next one signs in.
    const { browser } = await passwordStep(after, balie);
    await browser.get('/login/code');
    expect((await browser.post('/login/code', { authenticator: auth.id, code: usedCode })).location).not.toBe(
      '/account',
    );
    clock.advance(30);
    expect(
      (await browser.post('/login/code', { authenticator: auth.id, code: totp(auth.secret, clock.now()) }))
        .location,
    ).toBe('/account');
    // The half-done enrollment completes with the code of the QR code shown before the rotation.
    const resumed = browserWithCookies(after, Object.fromEntries(enrolling.cookies));
    await resumed.get('/account/authenticators/new/step-2');
    const confirmed = await resumed.post('/account/authenticators/new/step-2', {
      code: totp(pendingSecret, clock.now()),
    });
    expect(confirmed.location).toBe('/account');
    expect((await after.ctx.store.listAuthenticators(balie.id)).map((a) => a.name).sort()).toEqual([
      'Chrome plugin balie',
      'Chrome plugin balie 2',
    ]);
    // The e-mail code asked for before is gone; a new one can be asked for.
    const again = browserWithCookies(after, Object.fromEntries(asking.cookies));
    await again.get('/login/fallback/code');
    expect((await again.post('/login/fallback/code', { code: sentBefore })).location).not.toBe('/account');
    await again.get('/login/fallback');
    expect((await again.post('/login/fallback', { channel: 'email' })).location).toBe('/login/fallback/code');
  });

  test('the new key may come from an existing file; the configured key must be the database’s', async () => {
    const oldKey = newKey();
    const store = await openStore();
    const { userId, id } = await userWithSealedAuthenticator(store, oldKey, { username: 'anna' });
    const chosen = newKey();
    const newFile = keyFileWith('chosen.key', chosen);

    const none = await rotate(oldKey, ['--new-key-file', newFile]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('this database records no key yet: start the verifier on it once');

    await checkMasterKey(store, oldKey);
    const wrong = await rotate(newKey(), ['--new-key-file', newFile]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('the key from VERIFIER_KEY is not the one this database is used with');
    expect(wrong.err).toContain('Nothing was changed');

    await stopAll();
    const done = await rotate(oldKey, ['--new-key-file', newFile]);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(done.out).not.toContain('created now');
    // The key came from VERIFIER_KEY, which wins over any key file: the message says so.
    expect(done.out).toContain(`VERIFIER_KEY set to the content of ${newFile}, or VERIFIER_KEY unset`);
    expect(readFileSync(newFile, 'utf8').trim()).toBe(Buffer.from(chosen).toString('base64'));
    // Run again (its answer lost, say): it tells the rotation finished, and changes nothing.
    const again = await rotate(oldKey, ['--new-key-file', newFile]);
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      `The database already uses the key in ${newFile}: a rotation to it finished.`,
    );
    await expectRunsWith(chosen, { id, userId });
  });

  test('a value that does not open with the current key is named, and nothing changes', async () => {
    const key = newKey();
    const store = await openStore();
    const good = await userWithSealedAuthenticator(store, key, { username: 'anna' });
    await checkMasterKey(store, key);
    const damaged = await userWithSealedAuthenticator(store, newKey(), { username: 'bert' });
    const newFile = join(dir, 'new.key');
    const refused = await rotate(key, ['--new-key-file', newFile]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('1 of 2 authenticators');
    expect(refused.err).toContain(`${damaged.id}\tof "bert"`);
    expect(refused.err).not.toContain(good.id);
    expect(refused.err).toContain('Nothing was changed');
    // Refused before the new key was made: no key file is left behind.
    expect(existsSync(newFile)).toBe(false);
    await checkMasterKey(store, key);
  });

  test('expired leftovers that no longer open are removed first, not a reason to refuse', async () => {
    const key = newKey();
    const store = await openStore();
    const { userId } = await userWithSealedAuthenticator(store, key, { username: 'anna' });
    await checkMasterKey(store, key);
    const clock = testClock();
    const now = Math.floor(clock.now() / 1000);
    // Left from before a reset-key-check: sealed with a key the database no longer uses, expired.
    await store.savePendingEnrollment({
      sessionHash: 'left-over',
      userId,
      authenticatorId: 'left-over-id',
      name: 'Chrome plugin balie 2',
      secretSealed: new Uint8Array(48).fill(9),
      otp: DEFAULT_TOTP,
      expiresAt: now - 1,
    });
    await stopAll();
    const done = await rotate(key, ['--new-key-file', join(dir, 'new.key')], null, clock);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(done.out).toContain('0 pending enrollments');
  });

  test('refused while an instance is connected, idle or not: it would go on with the old key', async () => {
    const key = newKey();
    const instance = await verifier(key);
    const balie = await addUser(instance, { username: 'balie', requireTwoFactor: false });
    const newFile = join(dir, 'new.key');
    const refused = await rotate(key, ['--new-key-file', newFile]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('a verifier instance runs on the database');
    expect(refused.err).toContain(`(${newFile} was created and holds the new key: keep it for that)`);
    expect(refused.err).toContain('Nothing was changed');
    // It noticed nothing: its key is still the database's, and it serves.
    await checkMasterKey(instance.ctx.store, key);
    expect((await passwordStep(instance, balie)).page.location).toBe('/account');
    await stopAll();
    // Stopped: the same command, with the key file it made, goes through.
    const done = await rotate(key, ['--new-key-file', newFile]);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    await checkMasterKey(await openStore(), parseKey(readFileSync(newFile, 'utf8'), 'new.key'));
  });

  test('usage: the flag is required, the key file in use and the current key are refused, a bad key file is named', async () => {
    const key = newKey();
    const store = await openStore();
    await checkMasterKey(store, key);
    const current = keyFileWith('current.key', key);
    expect((await rotate(key, [])).code).toBe(2);
    expect((await rotate(key, ['--new-key-file', join(dir, 'x.key'), 'extra'])).code).toBe(2);
    const same = await rotate(key, ['--new-key-file', current], current);
    expect(same.code).toBe(2);
    expect(same.err).toContain('names the key file in use');
    const copy = keyFileWith('copy.key', key);
    const equal = await rotate(key, ['--new-key-file', copy], current);
    expect(equal.code).toBe(1);
    expect(equal.err).toContain('holds the current key: a new key must differ');
    const open = keyFileWith('readable.key', newKey());
    chmodSync(open, 0o644);
    const readable = await rotate(key, ['--new-key-file', open], current);
    expect(readable.code).toBe(1);
    expect(readable.err).toContain(open);
    expect(readable.err).toContain('Nothing was changed');
    await checkMasterKey(store, key);
  });
});

describe('the store’s key replacement', () => {
  test('all or nothing: a row changed, or added, since it was read leaves every row and the key check as they were', async () => {
    const key = newKey();
    // As the command opens it: alone, no instance lock.
    const store = await openStore();
    await userWithSealedAuthenticator(store, key, { username: 'anna' });
    await userWithSealedAuthenticator(store, key, { username: 'bert' });
    await checkMasterKey(store, key);
    const read = await store.sealedValues();
    expect(read.authenticators).toHaveLength(2);
    const next = deriveKeys(newKey());
    const fake = (row: { row: string; sealed: Uint8Array }) => ({
      row: row.row,
      before: row.sealed,
      after: new Uint8Array(48).fill(1),
    });
    const replacement = {
      keyCheckBefore: deriveKeys(key).keyCheck,
      keyCheckAfter: next.keyCheck,
      authenticators: read.authenticators.map(fake),
      pendingEnrollments: [],
      outbox: [],
    };
    // The second authenticator's value is not what was read (an instance changed it meanwhile).
    const [first, second] = replacement.authenticators;
    const changed = { ...replacement, authenticators: [first, { ...second, before: new Uint8Array(48) }] };
    expect(await store.replaceKey(changed as typeof replacement)).toEqual({ outcome: 'changed' });
    // One more authenticator since the read (an enrollment finished meanwhile).
    await userWithSealedAuthenticator(store, key, { username: 'carla' });
    expect(await store.replaceKey(replacement)).toEqual({ outcome: 'changed' });
    // Another key check recorded meanwhile.
    expect(await store.replaceKey({ ...replacement, keyCheckBefore: next.keyCheck })).toEqual({
      outcome: 'changed',
    });
    const now = await store.sealedValues();
    for (const a of read.authenticators)
      expect(now.authenticators.find((b) => b.row === a.row)?.sealed).toEqual(a.sealed);
    expect(await store.getKeyCheck()).toBe(deriveKeys(key).keyCheck);
  });

  test('a connection lost at the commit: the answer says the outcome is unknown and to keep the key file; a rerun settles it', async () => {
    const key = newKey();
    const store = await openStore();
    const { userId, id } = await userWithSealedAuthenticator(store, key, { username: 'anna' });
    await checkMasterKey(store, key);
    await stopAll();
    const lost = new Error('Connection terminated unexpectedly');
    /** rotate-key on a store whose replaceKey fails as `fault` says: before or after the real commit. */
    const rotateLosing = async (
      current: Uint8Array,
      path: string,
      fault: 'before-commit' | 'after-commit',
    ) => {
      const config = defaultConfig({ ...db.config, secretKey: current, log: false });
      const real = await openStore();
      const faulty = new Proxy(real, {
        get(target, property) {
          if (property === 'replaceKey')
            return async (replacement: Parameters<Store['replaceKey']>[0]) => {
              if (fault === 'after-commit') await target.replaceKey(replacement);
              throw lost;
            };
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const capture = captureIo();
      const refused = await rotateKeyCommand(
        ['--new-key-file', path],
        faulty,
        async () => {
          throw new Error('no hasher needed');
        },
        capture.io,
        { config, keySource: 'VERIFIER_KEY', keyFile: null },
      ).then(
        () => null,
        (error: unknown) => error,
      );
      await stopAll();
      return { refused, out: capture.out() };
    };
    const expectUnknown = (refused: unknown, path: string) => {
      expect(refused).toBeInstanceOf(CommandRefused);
      const message = (refused as Error).message;
      expect(message).toContain('the rotation did not finish: Connection terminated unexpectedly');
      expect(message).toContain('The database may or may not use the new key now');
      expect(message).toContain(`Keep ${path}`);
      expect(message).not.toContain('Nothing was changed');
    };

    // Lost before the commit: nothing changed, the created key file is kept, and a rerun rotates.
    const first = join(dir, 'first.key');
    const before = await rotateLosing(key, first, 'before-commit');
    expectUnknown(before.refused, first);
    expect(before.out).toBe('');
    expect(existsSync(first)).toBe(true);
    const firstKey = parseKey(readFileSync(first, 'utf8'), 'first.key');
    const rerun = await rotate(key, ['--new-key-file', first]);
    expect(rerun.err).toBe('');
    expect(rerun.out).toContain(`The master key is replaced by the key in ${first}.`);

    // Lost after the commit: the database uses the new key; a rerun with the old key configured says so.
    const second = join(dir, 'second.key');
    const committed = await rotateLosing(firstKey, second, 'after-commit');
    expectUnknown(committed.refused, second);
    const secondKey = parseKey(readFileSync(second, 'utf8'), 'second.key');
    const settled = await rotate(firstKey, ['--new-key-file', second]);
    expect(settled.code).toBe(0);
    expect(settled.out).toContain(
      `The database already uses the key in ${second}: a rotation to it finished.`,
    );
    await expectRunsWith(secondKey, { id, userId });
  });
});
