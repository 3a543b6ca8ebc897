import { randomBytes } from 'node:crypto';
import { Secret } from 'otpauth';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  authenticatorAad,
  openSecret,
  SecretIntegrityError,
  sealSecret,
} from '../../../../verifier-server/auth/secret-box';
import { totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import type { TestDatabase } from '../../../support/verifier-test-database';
import {
  atSecondStep,
  isLoggedIn,
  logEntries,
  submitCode,
  userEnrolledViaScreens,
} from './second-step-fixtures';

const key = new Uint8Array(randomBytes(32));
const secret = new Uint8Array(randomBytes(20));
const aad = authenticatorAad('3f1c0c1e-0000-4000-8000-000000000001', 7);

describe('sealSecret / openSecret (SECURITY #11)', () => {
  test('round trip; the sealed bytes do not contain the secret', () => {
    const sealed = sealSecret(key, secret, aad);
    expect(openSecret(key, sealed, aad)).toEqual(secret);
    expect(Buffer.from(sealed).indexOf(Buffer.from(secret))).toBe(-1);
    expect(sealed.length).toBe(12 + secret.length + 16);
  });

  test('a fresh nonce per call: sealing the same secret twice differs', () => {
    const one = sealSecret(key, secret, aad);
    const two = sealSecret(key, secret, aad);
    expect(Buffer.from(one.subarray(0, 12))).not.toEqual(Buffer.from(two.subarray(0, 12)));
    expect(Buffer.from(one)).not.toEqual(Buffer.from(two));
    expect(openSecret(key, two, aad)).toEqual(secret);
  });

  test.each([
    [
      0,
      'another authenticator of the same user',
      authenticatorAad('3f1c0c1e-0000-4000-8000-000000000002', 7),
    ],
    [
      1,
      'the same authenticator id under another user',
      authenticatorAad('3f1c0c1e-0000-4000-8000-000000000001', 8),
    ],
    [2, 'an empty AAD', ''],
  ])('case %i: opening with the AAD of %s throws SecretIntegrityError', (_i, _what, otherAad) => {
    const sealed = sealSecret(key, secret, aad);
    expect(() => openSecret(key, sealed, otherAad)).toThrow(SecretIntegrityError);
  });

  test('opening with another key throws SecretIntegrityError', () => {
    const sealed = sealSecret(key, secret, aad);
    expect(() => openSecret(new Uint8Array(randomBytes(32)), sealed, aad)).toThrow(SecretIntegrityError);
  });

  test.each(Array.from({ length: 12 + 20 + 16 }, (_, i) => [i]))(
    'flipping byte %i (nonce 0–11, ciphertext 12–31, tag 32–47) throws SecretIntegrityError',
    (index) => {
      const sealed = sealSecret(key, secret, aad);
      sealed[index] = (sealed[index] as number) ^ 0x01;
      expect(() => openSecret(key, sealed, aad)).toThrow(SecretIntegrityError);
    },
  );

  test.each([
    [0, 0],
    [1, 27],
    [2, 47],
  ])('case %i: truncated to %i bytes throws SecretIntegrityError', (_i, length) => {
    const sealed = sealSecret(key, secret, aad);
    expect(() => openSecret(key, sealed.subarray(0, length), aad)).toThrow(SecretIntegrityError);
  });
});

describe('secrets in the database (SECURITY #11)', () => {
  let t: TestApp;
  let database: TestDatabase;
  beforeEach(async () => {
    t = await createTestApp({ onDisk: true });
    database = t.database as TestDatabase;
  });
  afterEach(async () => {
    await t.app.close();
  });

  const rows = () =>
    database.query<{ id: string; user_id: number; secret_sealed: Buffer }>(
      'SELECT id, user_id, secret_sealed FROM authenticators ORDER BY name',
    );

  test('neither the secret nor the key is stored in plain form', async () => {
    const { authenticators } = await userEnrolledViaScreens(t, ['Telefoon']);
    const base32 = authenticators[0]?.secret as string;
    const raw = Buffer.from(Secret.fromBase32(base32).bytes);
    const [row] = await rows();
    expect(row?.secret_sealed.indexOf(raw)).toBe(-1);
    expect(row?.secret_sealed.length).toBe(12 + 20 + 16);
    // The check can see: the sealed bytes themselves are found.
    expect(await database.contains(row?.secret_sealed as Buffer)).toBe(true);

    expect(await database.contains(raw)).toBe(false);
    expect(await database.contains(base32)).toBe(false);
    expect(await database.contains(t.config.secretKey)).toBe(false);
    expect(await database.contains(t.ctx.keys.secrets)).toBe(false);
  });

  test('swapping two rows’ sealed secrets makes neither log in, and the answer leaks nothing', async () => {
    const {
      user,
      authenticators: [a, b],
    } = await userEnrolledViaScreens(t, ['A', 'B']);
    if (!a || !b) throw new Error('no authenticators');
    const [rowA, rowB] = await rows();
    expect(rowA?.id).toBe(a.id);
    const update = 'UPDATE authenticators SET secret_sealed = $1 WHERE id = $2';
    await database.query(update, [rowB?.secret_sealed, a.id]);
    await database.query(update, [rowA?.secret_sealed, b.id]);

    t.clock.advance(30);
    const attempts: Array<[string, string]> = [
      [a.id, totp(b.secret, t.clock.now())], // row A now holds B's secret
      [a.id, totp(a.secret, t.clock.now())],
      [b.id, totp(a.secret, t.clock.now())],
      [b.id, totp(b.secret, t.clock.now())],
    ];
    for (const [id, code] of attempts) {
      t.clock.advance(t.ctx.policy.maxDelaySeconds);
      const browser = await atSecondStep(t, user);
      const page = await submitCode(browser, id, code);
      expect(page.status).toBeGreaterThanOrEqual(400);
      expect(page.location).toBeUndefined();
      expect(page.body).not.toMatch(
        /SecretIntegrityError|sealed secret|authentication|authenticator:[0-9a-f-]{36}|at \//,
      );
      // A damaged row is not the user's fault: a clear pointer to the fallback, and no attempt is spent.
      expect(page.body).toContain('kan nu niet worden gecontroleerd');
      expect(page.body).not.toContain(code);
      expect(await isLoggedIn(browser)).toBe(false);
    }
    // The operator can see why.
    const errors = logEntries(t).filter((e) => JSON.stringify(e).includes('"event":"secret.integrity"'));
    expect(errors.length).toBe(attempts.length);
    expect((await t.ctx.store.getUser(user.id))?.failedAttempts).toBe(0);
  });
});
