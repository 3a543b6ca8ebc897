import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_TOTP } from '../../../../shared/otp-parameters';
import { createHashLimiter, LOCAL_LANE } from '../../../../verifier-server/auth/hash-limiter';
import { createPasswordHasher } from '../../../../verifier-server/auth/password-hasher';
import { newSessionToken } from '../../../../verifier-server/auth/session-token';
import { hashToken, randomToken } from '../../../../verifier-server/auth/tokens';
import { CLI_HELP, runCli } from '../../../../verifier-server/cli/run-cli';
import { defaultConfig, type VerifierConfig } from '../../../../verifier-server/config';
import { NAME_TAKEN } from '../../../../verifier-server/store/authenticator-store';
import type { Store } from '../../../../verifier-server/store/store';
import { captureIo } from '../../../support/verifier-process';
import { createTestDatabase, type TestDatabase } from '../../../support/verifier-test-database';
import { openTestStore } from '../../../support/verifier-test-store';

let db: TestDatabase;
let config: VerifierConfig;
/** A second connection to the same database, to set up and inspect what the CLI did. */
let store: Store;

beforeEach(async () => {
  db = await createTestDatabase();
  config = defaultConfig({
    ...db.config,
    secretKey: new Uint8Array(randomBytes(32)),
    argon2: { memorySize: 1024, iterations: 1 },
    log: false,
  });
  store = await openTestStore(db.config);
});
afterEach(async () => {
  await store.close();
  await db.remove();
});

async function cli(argv: string[], input = '') {
  const capture = captureIo(input);
  const code = await runCli(argv, config, capture.io);
  return { code, out: capture.out(), err: capture.err() };
}

const hasher = () =>
  createPasswordHasher(config.argon2, createHashLimiter({ concurrency: 1, queue: 1, perClient: 1 }));
const now = () => Math.floor(Date.now() / 1000);

async function addOrgAndUser(username = 'balie', password = 'correct horse battery') {
  expect((await cli(['add-org', 'Praktijk Zuid', '--require-2fa'])).code).toBe(0);
  const added = await cli(
    ['add-user', username, '--org', 'Praktijk Zuid', '--email', `${username}@zuid.example`],
    `${password}\n`,
  );
  expect(added.code).toBe(0);
  const user = await store.findUserByName(username);
  if (!user) throw new Error('user not added');
  return user;
}

/** An active authenticator, made the way enrollment makes one. */
async function addAuthenticator(userId: number, name: string) {
  const sessionHash = hashToken(randomToken());
  const authenticatorId = randomUUID();
  await store.savePendingEnrollment({
    sessionHash,
    userId,
    authenticatorId,
    name,
    secretSealed: new Uint8Array(48),
    otp: DEFAULT_TOTP,
    expiresAt: now() + 600,
  });
  const authenticator = await store.confirmEnrollment(sessionHash, authenticatorId, 1, now());
  if (!authenticator || authenticator === NAME_TAKEN) throw new Error('no authenticator');
  return authenticator;
}

describe('organisations', () => {
  test('add-org adds one, optional by default; --require-2fa makes it mandatory; a duplicate is refused', async () => {
    expect(await cli(['add-org', 'Praktijk Noord'])).toEqual({
      code: 0,
      out: 'Added organisation "Praktijk Noord".\n',
      err: '',
    });
    expect((await cli(['add-org', 'Praktijk Zuid', '--require-2fa'])).code).toBe(0);
    expect((await store.findOrganisation('Praktijk Noord'))?.requireTwoFactor).toBe(false);
    expect((await store.findOrganisation('Praktijk Zuid'))?.requireTwoFactor).toBe(true);
    expect((await cli(['list-orgs'])).out).toBe(
      'Praktijk Noord\t2FA optional\nPraktijk Zuid\t2FA required\n',
    );

    const duplicate = await cli(['add-org', 'praktijk noord']);
    expect(duplicate.code).toBe(2);
    expect(duplicate.err).toContain('already exists');
    const unnamed = await cli(['add-org']);
    expect(unnamed.code).toBe(2);
    expect(unnamed.err).toContain('an organisation name is required');
  });

  test('require-2fa on and off; an unknown organisation or setting is refused', async () => {
    await cli(['add-org', 'Praktijk Noord']);
    const on = await cli(['require-2fa', 'Praktijk Noord', 'on']);
    expect(on.code).toBe(0);
    expect(on.out).toContain('now required');
    expect((await store.findOrganisation('Praktijk Noord'))?.requireTwoFactor).toBe(true);
    const off = await cli(['require-2fa', 'Praktijk Noord', 'off']);
    expect(off.code).toBe(0);
    expect(off.out).toContain('now optional');
    expect((await store.findOrganisation('Praktijk Noord'))?.requireTwoFactor).toBe(false);

    const unknown = await cli(['require-2fa', 'Praktijk Oost', 'on']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no organisation named "Praktijk Oost"');
    const bad = await cli(['require-2fa', 'Praktijk Noord', 'yes']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('say "on" or "off"');
    expect((await store.findOrganisation('Praktijk Noord'))?.requireTwoFactor).toBe(false);
  });
});

describe('add-user', () => {
  test('reads the password from standard input, hashes it and normalises the mobile number', async () => {
    await cli(['add-org', 'Praktijk Zuid']);
    const added = await cli(
      [
        'add-user',
        'balie',
        '--org',
        'Praktijk Zuid',
        '--email',
        'balie@zuid.example',
        '--mobile',
        '06-1234 5678',
      ],
      'correct horse battery\n',
    );
    expect(added).toEqual({ code: 0, out: 'Added user "balie" to "Praktijk Zuid".\n', err: '' });
    const user = await store.findUserByName('balie');
    expect(user).toMatchObject({
      username: 'balie',
      email: 'balie@zuid.example',
      mobile: '+31612345678',
      organisationName: 'Praktijk Zuid',
      locked: false,
    });
    const passwords = await hasher();
    expect(user?.passwordHash).not.toContain('correct horse');
    expect(await passwords.verify('correct horse battery', user?.passwordHash ?? null, LOCAL_LANE)).toBe(
      true,
    );
    expect((await cli(['list-users'])).out).toBe('balie\tPraktijk Zuid\tbalie@zuid.example\t+31612345678\n');
  });

  test.each([
    [
      'a too short password',
      ['--org', 'Praktijk Zuid', '--email', 'a@zuid.example'],
      'short\n',
      'the password must be 8 to 256 characters long',
    ],
    [
      'no password at all',
      ['--org', 'Praktijk Zuid', '--email', 'a@zuid.example'],
      '',
      'the password must be 8',
    ],
    [
      'an unknown organisation',
      ['--org', 'Praktijk Oost', '--email', 'a@zuid.example'],
      'correct horse battery\n',
      '--org must name an existing organisation',
    ],
    [
      'no organisation',
      ['--email', 'a@zuid.example'],
      'correct horse battery\n',
      '--org must name an existing organisation',
    ],
    [
      'a bad e-mail address',
      ['--org', 'Praktijk Zuid', '--email', 'not an address'],
      'correct horse battery\n',
      '--email must be an e-mail address',
    ],
    [
      'a bad mobile number',
      ['--org', 'Praktijk Zuid', '--email', 'a@zuid.example', '--mobile', '12345'],
      'correct horse battery\n',
      '--mobile must be a mobile number',
    ],
    [
      'an unknown option',
      ['--org', 'Praktijk Zuid', '--email', 'a@zuid.example', '--admin'],
      'correct horse battery\n',
      "Unknown option '--admin'",
    ],
  ])('refuses %s with exit code 2 and adds no one', async (_label, options, input, message) => {
    await cli(['add-org', 'Praktijk Zuid']);
    const result = await cli(['add-user', 'nieuw', ...options], input);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toMatch(/^Error: /);
    expect(result.out).toBe('');
    expect(await store.findUserByName('nieuw')).toBeNull();
  });

  test('refuses an existing username', async () => {
    await addOrgAndUser('balie');
    const again = await cli(
      ['add-user', 'Balie', '--org', 'Praktijk Zuid', '--email', 'b@zuid.example'],
      'correct horse battery\n',
    );
    expect(again.code).toBe(2);
    expect(again.err).toContain('user "Balie" already exists');
  });

  // Found by an attacker review: add-user took ESC in a username or e-mail, which list-users then
  // printed raw (a terminal's title set, its screen cleared, lines hidden).
  test.each([
    ['a username', ['ba\u001b]0;owned\u0007lie', '--email', 'b@zuid.example'], 'control characters'],
    [
      'an e-mail address',
      ['balie', '--email', 'b\u001b[2J@zuid.example'],
      '--email must be an e-mail address',
    ],
  ])('refuses a control character in %s, and echoes none', async (_what, args, message) => {
    await cli(['add-org', 'Praktijk Zuid']);
    const [name, ...rest] = args;
    const result = await cli(
      ['add-user', name ?? '', '--org', 'Praktijk Zuid', ...rest],
      'correct horse battery\n',
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).not.toMatch(/\p{Cc}(?<![\t\n])/u);
    expect(await store.listUsers()).toEqual([]);
  });
});

describe('printing what the database holds', () => {
  test('list-orgs prints a stored organisation name escaped; add-org refuses control characters', async () => {
    await store.createOrganisation('Praktijk\tZuid\n\u001b[2J', false);
    const listed = await cli(['list-orgs']);
    expect(listed.out).toBe('Praktijk\\u{9}Zuid\\u{a}\\u{1b}[2J\t2FA optional\n');
    const refused = await cli(['add-org', 'Noord\u001b]0;x\u0007']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('control characters');
    expect(refused.err).not.toMatch(/\p{Cc}(?<![\t\n])/u);
  });

  test('list-users prints control characters stored by an earlier version as escapes, never raw', async () => {
    const org = await store.createOrganisation('Praktijk', true);
    await store.createUser({
      organisationId: org.id,
      username: 'ba\u001b[2Jlie',
      email: 'b\u009b31m@zuid.example',
      mobile: null,
      passwordHash: 'x',
    });
    const listed = await cli(['list-users']);
    expect(listed.code).toBe(0);
    expect(listed.out).not.toMatch(/\p{Cc}(?<![\t\n])/u);
    expect(listed.out.split('\t').slice(0, 3)).toEqual([
      'ba\\u{1b}[2Jlie',
      'Praktijk',
      'b\\u{9b}31m@zuid.example',
    ]);
  });
});

describe('accounts', () => {
  test('set-password sets a new hash and ends every session and remembered browser of the user', async () => {
    const user = await addOrgAndUser('balie', 'correct horse battery');
    const sessions = [newSessionToken().idHash, newSessionToken().idHash];
    for (const [i, idHash] of sessions.entries()) {
      await store.createSession({
        idHash,
        userId: user.id,
        stage: i === 0 ? 'full' : 'mfa',
        createdAt: now(),
        expiresAt: now() + 3600,
        authTime: now(),
      });
    }
    const remember = hashToken(randomToken());
    await store.saveRememberToken({
      tokenHash: remember,
      userId: user.id,
      expiresAt: now() + 3600,
      revoked: false,
    });

    const result = await cli(['set-password', 'balie'], 'a brand new passphrase\r\n');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Password set for "balie"');
    for (const idHash of sessions) expect(await store.getSession(idHash, now())).toBeNull();
    expect((await store.getRememberToken(remember))?.revoked).toBe(true);
    const passwords = await hasher();
    const hash = (await store.findUserByName('balie'))?.passwordHash ?? null;
    expect(await passwords.verify('a brand new passphrase', hash, LOCAL_LANE)).toBe(true);
    expect(await passwords.verify('correct horse battery', hash, LOCAL_LANE)).toBe(false);
  });

  test('set-password refuses a short password and an unknown user, and changes nothing', async () => {
    const user = await addOrgAndUser('balie');
    const { idHash } = newSessionToken();
    await store.createSession({
      idHash,
      userId: user.id,
      stage: 'full',
      createdAt: now(),
      expiresAt: now() + 3600,
      authTime: now(),
    });
    const short = await cli(['set-password', 'balie'], 'kort\n');
    expect(short.code).toBe(2);
    expect(short.err).toContain('8 to 256 characters');
    expect((await store.findUserByName('balie'))?.passwordHash).toBe(user.passwordHash);
    expect(await store.getSession(idHash, now())).not.toBeNull();

    const unknown = await cli(['set-password', 'niemand'], 'a brand new passphrase\n');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no user named "niemand"');
    expect((await cli(['set-password'])).err).toContain('a username is required');
  });

  test('unlock clears the lock and the failure count', async () => {
    const user = await addOrgAndUser('balie');
    for (let i = 0; i < 3; i++) {
      await store.claimAttempt(user.id, now() + 10 * i, { maxDelay: 300, lockAfter: 3, ignoreLock: false });
    }
    expect(await store.findUserByName('balie')).toMatchObject({ locked: true, failedAttempts: 3 });
    expect((await cli(['list-users'])).out).toContain('\tLOCKED');

    const result = await cli(['unlock', 'balie']);
    expect(result).toEqual({ code: 0, out: 'Unlocked "balie".\n', err: '' });
    expect(await store.findUserByName('balie')).toMatchObject({
      locked: false,
      failedAttempts: 0,
      throttleUntil: 0,
    });
    expect((await cli(['unlock', 'niemand'])).code).toBe(2);
  });
});

describe('authenticators', () => {
  test('list-authenticators says when there are none, then lists id, name and dates', async () => {
    const user = await addOrgAndUser('balie');
    expect((await cli(['list-authenticators', 'balie'])).out).toBe('"balie" has no authenticators.\n');

    const a = await addAuthenticator(user.id, 'Chrome plugin balie');
    const b = await addAuthenticator(user.id, 'Telefoon');
    const listed = await cli(['list-authenticators', 'balie']);
    expect(listed.code).toBe(0);
    const lines = listed.out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const names = lines.map((l) => l.split('\t').slice(0, 2));
    expect(names).toEqual(
      expect.arrayContaining([
        [a.id, 'Chrome plugin balie'],
        [b.id, 'Telefoon'],
      ]),
    );
    // Enrollment is not a use: a new authenticator is 'never used' until its first login.
    for (const line of lines) expect(line).toMatch(/\tadded \d{4}-\d\d-\d\dT[^\t]+\tnever used$/);
    expect((await cli(['list-authenticators', 'niemand'])).code).toBe(2);
  });

  test('list-authenticators prints a control character stored by an earlier version as an escape, never raw to the terminal', async () => {
    const user = await addOrgAndUser('balie');
    await addAuthenticator(user.id, 'x\u009b31mRED\u0007');
    const listed = await cli(['list-authenticators', 'balie']);
    expect(listed.out).not.toMatch(/\p{Cc}(?<![\t\n])/u);
    expect(listed.out.split('\t')[1]).toBe('x\\u{9b}31mRED\\u{7}');
  });

  test('remove-authenticator removes one, revokes remembered browsers and ends sessions; an unknown id is exit code 2', async () => {
    const user = await addOrgAndUser('balie');
    const keep = await addAuthenticator(user.id, 'Telefoon');
    const gone = await addAuthenticator(user.id, 'Chrome plugin balie');
    const remember = hashToken(randomToken());
    await store.saveRememberToken({
      tokenHash: remember,
      userId: user.id,
      expiresAt: now() + 3600,
      revoked: false,
    });
    const { idHash: session } = newSessionToken();
    await store.createSession({
      idHash: session,
      userId: user.id,
      stage: 'full',
      createdAt: now(),
      expiresAt: now() + 3600,
      authTime: now(),
    });

    const unknown = await cli(['remove-authenticator', 'balie', 'no-such-id']);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toBe('');
    expect(unknown.err).toBe(
      'Error: "balie" has no authenticator with id "no-such-id" (see list-authenticators)\n',
    );
    const missing = await cli(['remove-authenticator', 'balie']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('has no authenticator with id ""');
    expect((await store.listAuthenticators(user.id)).length).toBe(2);
    expect((await store.getRememberToken(remember))?.revoked).toBe(false);
    expect(await store.getSession(session, now())).not.toBeNull();

    const removed = await cli(['remove-authenticator', 'balie', gone.id]);
    expect(removed).toEqual({ code: 0, out: `Removed authenticator ${gone.id} of "balie".\n`, err: '' });
    expect((await store.listAuthenticators(user.id)).map((a) => a.id)).toEqual([keep.id]);
    expect((await store.getRememberToken(remember))?.revoked).toBe(true);
    expect(await store.getSession(session, now())).toBeNull();
    // Another user's authenticator id does not work for this user.
    expect((await cli(['remove-authenticator', 'balie', gone.id])).code).toBe(2);
  });

  test("remove-authenticator cannot remove another user's authenticator", async () => {
    const owner = await addOrgAndUser('balie');
    await cli(
      ['add-user', 'arts', '--org', 'Praktijk Zuid', '--email', 'arts@zuid.example'],
      'correct horse battery\n',
    );
    const theirs = await addAuthenticator(owner.id, 'Chrome plugin balie');
    const result = await cli(['remove-authenticator', 'arts', theirs.id]);
    expect(result.code).toBe(2);
    expect(await store.getAuthenticator(theirs.id, owner.id)).not.toBeNull();
  });
});

describe('usage', () => {
  test('an unknown command is exit code 2 with the help text, and touches no database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-cli-'));
    try {
      const absent = join(dir, 'absent.db');
      const capture = captureIo();
      // Nothing listens on port 9: a command that opened PostgreSQL would fail, not answer 2.
      const postgres = config.postgres && { ...config.postgres, url: 'postgres://nobody@127.0.0.1:9/none' };
      const code = await runCli(
        ['drop-everything'],
        { ...config, databasePath: absent, postgres },
        capture.io,
      );
      expect(code).toBe(2);
      expect(capture.out()).toBe('');
      expect(capture.err()).toBe(`Unknown command "drop-everything".\n\n${CLI_HELP}\n`);
      expect(existsSync(absent)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no command is exit code 2 with the help text; help is exit code 0', async () => {
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('Unknown command ""');
    expect(none.err).toContain(CLI_HELP);
    for (const flag of ['help', '--help', '-h']) {
      expect(await cli([flag])).toEqual({ code: 0, out: `${CLI_HELP}\n`, err: '' });
    }
  });

  test("the help text's descriptions start in one column", () => {
    const commandLines = CLI_HELP.split('\n').filter((line) => /^ {2}\S.* {2,}\S/.test(line));
    expect(commandLines.length).toBeGreaterThan(10);
    const columns = new Set(commandLines.map((line) => /^ {2}\S.*? {2,}(?=\S)/.exec(line)?.[0].length));
    const continuation = CLI_HELP.split('\n').filter((line) => /^ {3,}\S/.test(line));
    for (const line of continuation) columns.add(/^ +/.exec(line)?.[0].length);
    expect([...columns]).toEqual([46]);
  });
});
