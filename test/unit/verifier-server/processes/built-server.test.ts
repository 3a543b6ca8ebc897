import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { DEMO } from '../../../../verifier-server/seed/seed-demo';
import {
  childrenRunning,
  codeAt,
  commandLine,
  currentStep,
  enrollOverHttp,
  HttpClient,
  newVerifierKey,
  processTestDatabases,
  runVerifierToExit,
  startVerifier,
} from '../../../support/verifier-process';

/**
 * `npm run verifier` runs the build of scripts/build-verifier.ts under plain Node. The unit
 * projects' process tests all run that build (test/support/verifier-build-setup.ts builds it once
 * per run); this file checks that it is the bundle that runs, with nothing of tsx, and that the
 * bundle holds the whole server: its pages, its store (on SQLite with the store's worker thread and
 * checkpointer, which are entries of their own beside the server), its node:cluster workers and its
 * CLI.
 */

const database = processTestDatabases();
const user = { username: DEMO.username, password: DEMO.password, email: DEMO.email };
const built = inject('verifierEntry');
if (built === undefined) throw new Error('no verifierEntry: run this file in the unit or unit-pg project');
const entry: string = built;

describe('the built verifier (npm run verifier)', () => {
  test('runs under plain Node: enrolls an authenticator, logs in with its code, refuses the replay', async () => {
    const server = await startVerifier({ database: await database(), key: newVerifierKey(), entry });
    const pid = server.child.pid as number;
    const args = commandLine(pid) ?? [];
    expect(args).toContain(entry);
    expect(args.join(' ')).not.toContain('tsx');
    expect(server.stdout()).toMatch(/^Demo-account/m);

    const { secret, step } = await enrollOverHttp(server.url, user);
    const code = codeAt(secret, Math.max(currentStep(), step + 1));
    const login = async () => {
      const client = new HttpClient(server.url);
      await client.get('/login');
      const first = await client.post('/login', { username: user.username, password: user.password });
      expect(first.location).toBe('/login/code');
      const page = await client.get('/login/code');
      expect(page.body).toContain('Chrome plugin balie');
      const id = /<option[^>]*value="([^"]+)"/.exec(page.body)?.[1] as string;
      return client.post('/login/code', { authenticator: id, code });
    };
    expect((await login()).location).toBe('/account');
    expect((await login()).status).toBe(401);
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 60_000);

  test('VERIFIER_WORKERS=2: both workers run the bundle and serve', async () => {
    const server = await startVerifier({
      database: await database(),
      key: newVerifierKey(),
      entry,
      extra: { VERIFIER_WORKERS: '2' },
    });
    expect(childrenRunning(server.child.pid as number, entry)).toHaveLength(2);
    expect(server.stdout()).toContain('Workers:  2 processes on one database');
    const client = new HttpClient(server.url);
    for (let i = 0; i < 10; i++) expect((await client.get('/login')).status).toBe(200);
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 60_000);

  test('runs a CLI command and exits', async () => {
    const options = { database: await database(), key: newVerifierKey(), entry };
    const run = await runVerifierToExit(options, ['add-org', 'Praktijk Noord']);
    expect(run.code).toBe(0);
    const list = await runVerifierToExit(options, ['list-orgs']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Praktijk Noord');
  }, 60_000);

  test('help, and a mistyped command, create no key file and open no database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-help-'));
    try {
      // No VERIFIER_KEY: the key would be created beside the database file.
      const options = { databasePath: join(dir, 'v.db'), key: '', entry };
      const help = await runVerifierToExit(options, ['help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Usage: npm run verifier -- <command>');
      const typo = await runVerifierToExit(options, ['add-usr', 'x']);
      expect(typo.code).toBe(2);
      expect(typo.stderr).toContain('Unknown command "add-usr"');
      expect(readdirSync(dir)).toEqual([]);
      // A real command does make them.
      expect((await runVerifierToExit(options, ['list-orgs'])).code).toBe(0);
      expect(readdirSync(dir)).toContain('v.db.key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
