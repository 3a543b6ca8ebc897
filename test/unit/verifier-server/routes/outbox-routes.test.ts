import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TestBrowser } from '../../../support/test-browser';
import { addUser, loginByEmail } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import type { TestDatabase } from '../../../support/verifier-test-database';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

/** A fallback code sits in the outbox: what an attacker would come for. */
async function codeInOutbox() {
  const user = await addUser(t, { requireTwoFactor: true });
  const browser = new TestBrowser(t.app);
  await browser.get('/login');
  await browser.post('/login', { username: user.username, password: user.password });
  await browser.get('/login/fallback');
  expect((await browser.post('/login/fallback', { channel: 'email' })).location).toBe('/login/fallback/code');
  return { user, browser };
}

function getOutbox(path: string, remoteAddress: string, headers: Record<string, string>) {
  return t.app.inject({ method: 'GET', url: path, remoteAddress, headers });
}

// SECURITY #27: the outbox trusts the requester (its socket and its Host), not the listen address.
describe('who may read the outbox', () => {
  test.each([
    [0, '127.0.0.1', 'localhost:8080'],
    [1, '127.0.0.1', '127.0.0.1:8080'],
    [2, '::1', '[::1]:8080'],
    [3, '::ffff:127.0.0.1', 'localhost'],
  ])('case %i: this machine (%s, Host %s) reads it', async (_i, remote, host) => {
    const { user } = await codeInOutbox();
    for (const path of ['/outbox', '/outbox.json']) {
      const page = await getOutbox(path, remote, { host });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(user.email);
      expect(page.body).toMatch(/\b\d{6}\b/);
    }
  });

  test.each([
    [0, 'a DNS-rebinding page (loopback socket, its own Host)', '127.0.0.1', { host: 'attacker.example' }],
    [1, 'a same-host proxy (loopback socket, the public Host)', '127.0.0.1', { host: 'portaal.example.nl' }],
    [
      2,
      'a proxy that keeps Host but says it forwarded',
      '127.0.0.1',
      { host: 'localhost', 'x-forwarded-for': '203.0.113.9' },
    ],
    [3, 'a proxy with a Forwarded header', '127.0.0.1', { host: 'localhost', forwarded: 'for=203.0.113.9' }],
    [4, 'another machine that sends Host: localhost', '203.0.113.9', { host: 'localhost' }],
    [5, 'a lookalike Host', '127.0.0.1', { host: 'localhost.attacker.example' }],
    [
      6,
      'a proxy that says so with X-Forwarded-Host',
      '127.0.0.1',
      { host: 'localhost', 'x-forwarded-host': 'portaal.example.nl' },
    ],
    [
      7,
      'a proxy that says so with X-Real-IP',
      '127.0.0.1',
      { host: 'localhost', 'x-real-ip': '203.0.113.9' },
    ],
  ])('case %i: %s gets a 404 and no code', async (_i, _who, remote, headers) => {
    const { user } = await codeInOutbox();
    for (const path of ['/outbox', '/outbox.json']) {
      const page = await getOutbox(path, remote, headers);
      expect(page.statusCode).toBe(404);
      expect(page.body).not.toContain(user.email);
      expect(page.body).not.toMatch(/\b\d{6}\b/);
    }
    expect(t.logs.some((l) => l.includes('"outbox.refused"'))).toBe(true);
  });

  test("outbox 'off' (secure cookies): not even this machine reads it", async () => {
    await t.app.close();
    t = await createTestApp({ config: { outbox: 'off' } });
    await codeInOutbox();
    expect((await getOutbox('/outbox.json', '127.0.0.1', { host: 'localhost' })).statusCode).toBe(404);
  });

  test("outbox 'everyone' (VERIFIER_OUTBOX=1): any requester reads it, as the operator chose", async () => {
    await t.app.close();
    t = await createTestApp({ config: { outbox: 'everyone' } });
    const { user } = await codeInOutbox();
    const page = await getOutbox('/outbox.json', '203.0.113.9', { host: 'portaal.example.nl' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(user.email);
  });
});

// SECURITY #28: the database file alone shows no code (another local account, a copied backup).
test('the outbox is stored sealed: no code or message text in the database files', async () => {
  await t.app.close();
  try {
    t = await createTestApp({ onDisk: true });
    const database = t.database as TestDatabase;
    const user = await addUser(t, { requireTwoFactor: true });
    const browser = await loginByEmail(t, user);
    expect((await browser.get('/account')).status).toBe(200);
    const json = JSON.parse(
      (await getOutbox('/outbox.json', '127.0.0.1', { host: 'localhost' })).body,
    ) as Array<{
      body: string;
    }>;
    const code = /\b(\d{6})\b/.exec(json[0]?.body ?? '')?.[1];
    expect(code).toBeDefined();
    // The check can see: the user's e-mail address is stored in plain text.
    expect(await database.contains(user.email)).toBe(true);
    expect(await database.contains(`${code}`)).toBe(false);
    expect(await database.contains('Uw inlogcode')).toBe(false);
  } finally {
    await t.app.close();
    t = await createTestApp();
  }
});

// SECURITY #28: another account on the verifier's host connects from loopback too; on Linux the
// socket table tells which user is at the other end, and only the verifier's own reads the outbox.
describe.runIf(process.platform === 'linux')('another account on this host', () => {
  const uid = process.getuid?.() ?? 0;

  /** The verifier listening for real (the uid is read from a real connection), reading as `readerUid` wants. */
  async function listening(readerUid: number): Promise<string> {
    return (await listeningWithCode(readerUid)).base;
  }

  /** As `listening`, with the browser whose fallback code waits in the outbox. */
  async function listeningWithCode(readerUid: number): Promise<{ base: string; browser: TestBrowser }> {
    await t.app.close();
    t = await createTestApp({ config: { outboxReaderUid: readerUid } });
    const { browser } = await codeInOutbox();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    return { base: `http://127.0.0.1:${address.port}`, browser };
  }

  // The page with the code field links to the outbox only for those who may read it: another user
  // of the host got a link to a 404.
  test('the code page links to the outbox for the verifier’s own user only', async () => {
    const codePage = async (readerUid: number) => {
      const { base, browser } = await listeningWithCode(readerUid);
      const page = await fetch(`${base}/login/fallback/code`, {
        headers: { cookie: browser.cookieHeader() },
      });
      expect(page.status).toBe(200);
      return await page.text();
    };
    expect(await codePage(uid)).toContain('href="/outbox"');
    expect(await codePage(uid + 1)).not.toContain('href="/outbox"');
  });

  test('a process of the verifier’s own user reads it; one of another user gets the 404 of no route', async () => {
    const own = await listening(uid);
    expect((await fetch(`${own}/outbox.json`)).status).toBe(200);
    // The same request, where the outbox belongs to another user than this test's.
    const other = await listening(uid + 1);
    const refused = await fetch(`${other}/outbox.json`);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toMatch(/inlogcode|\d{6}/i);
    expect((await fetch(`${other}/outbox`)).status).toBe(404);
    expect(t.logs.some((line) => line.includes('"reason":"other-user"'))).toBe(true);
  });

  // As the attack was run: the verifier as root, the outbox read by the unprivileged `nobody`.
  test.runIf(uid === 0 && existsSync('/usr/sbin/runuser'))(
    'the user nobody, on this machine, reads nothing from a verifier run by root',
    async () => {
      const base = new URL(await listening(0));
      // Not execFileSync: the verifier answering runs in this very process.
      const asNobody = async (path: string) =>
        (
          await promisify(execFile)(
            '/usr/sbin/runuser',
            [
              '-u',
              'nobody',
              '--',
              '/bin/bash',
              '-c',
              `exec 3<>/dev/tcp/127.0.0.1/${base.port}; printf 'GET ${path} HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3; head -1 <&3`,
            ],
            { encoding: 'utf8', timeout: 10_000 },
          )
        ).stdout.trim();
      expect(await asNobody('/outbox.json')).toMatch(/^HTTP\/1\.1 404/);
      expect(await asNobody('/login')).toMatch(/^HTTP\/1\.1 200/);
    },
  );
});
