import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  childrenRunning,
  HttpClient,
  newVerifierKey,
  processTestDatabases,
  runVerifierToExit,
  startVerifier,
} from '../../../support/verifier-process';

const database = processTestDatabases();

/**
 * An instance started with another master key than the database is used with is refused at
 * start (startup/check-master-key.ts), alone or as a VERIFIER_WORKERS primary, instead of
 * serving pages on which every code fails; the instances with the right key go on.
 */
describe('the master key at start', () => {
  test('another key is refused at start with a message that says what to do; the right key still starts', async () => {
    const db = await database();
    const key = newVerifierKey();
    const first = await startVerifier({ database: db, key });
    expect((await new HttpClient(first.url).get('/login')).status).toBe(200);

    const alone: Record<string, string> = {};
    for (const extra of [alone, { VERIFIER_WORKERS: '2' }]) {
      const wrong = await runVerifierToExit({ database: db, key: newVerifierKey(), extra });
      expect(wrong.code).toBe(78); // EX_CONFIG: a supervisor should not restart it
      expect(wrong.stderr).toContain('the master key is not the one this database is used with');
      expect(wrong.stderr).toContain("This start's key came from VERIFIER_KEY.");
      expect(wrong.stderr).toContain('reset-key-check');
      expect(wrong.stdout).not.toContain('/login');
    }
    // The instance already running never noticed; a second one with the right key starts.
    expect((await new HttpClient(first.url).get('/login')).status).toBe(200);
    const second = await startVerifier({ database: db, key });
    expect((await new HttpClient(second.url).get('/login')).status).toBe(200);
    await second.stop();
    await first.stop();
  }, 60_000);

  test('CLI commands neither need nor record the key: an administrator may run them with any', async () => {
    const db = await database();
    const admin = await runVerifierToExit({ database: db, key: newVerifierKey() }, [
      'add-org',
      'Praktijk Noord',
    ]);
    expect(admin.code).toBe(0);
    // The first server start records its key, not the administrator's.
    const key = newVerifierKey();
    const server = await startVerifier({ database: db, key, seed: false });
    await server.stop();
    expect(
      (await runVerifierToExit({ database: db, key: newVerifierKey() }, ['list-orgs'])).stdout,
    ).toContain('Praktijk Noord');
    const again = await startVerifier({ database: db, key, seed: false });
    await again.stop();
  }, 60_000);

  test('a start that had to create its key file is refused, and removes that file again', async () => {
    const db = await database();
    const dir = mkdtempSync(join(tmpdir(), 'verifier-key-'));
    try {
      const keyFile = join(dir, 'verifier.key');
      const withFile = { database: db, key: '', seed: false, extra: { VERIFIER_KEY_FILE: keyFile } };
      const first = await startVerifier(withFile);
      await first.stop();
      const kept = readFileSync(keyFile, 'utf8');
      // The key file lost (a restore without it, a new host): the next start must not serve.
      rmSync(keyFile);
      const refused = await runVerifierToExit(withFile);
      expect(refused.code).toBe(78);
      expect(refused.stderr).toContain(`The key file ${keyFile} did not exist: this start created one`);
      expect(existsSync(keyFile)).toBe(false);
      // The key file put back: it starts.
      writeFileSync(keyFile, kept, { mode: 0o600 });
      const again = await startVerifier(withFile);
      await again.stop();
      // Another key file: refused, and that file, which existed, is kept.
      writeFileSync(keyFile, `${newVerifierKey()}\n`, { mode: 0o600 });
      const other = await runVerifierToExit(withFile);
      expect(other.code).toBe(78);
      expect(other.stderr).toContain(`This start's key came from the key file ${keyFile}.`);
      expect(existsSync(keyFile)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('VERIFIER_WORKERS: a replacement worker serves with the key the start checked, whatever the key file holds by then', async () => {
    const db = await database();
    const dir = mkdtempSync(join(tmpdir(), 'verifier-key-'));
    try {
      const keyFile = join(dir, 'verifier.key');
      writeFileSync(keyFile, `${newVerifierKey()}\n`, { mode: 0o600 });
      const withFile = { database: db, key: '', seed: false, extra: { VERIFIER_KEY_FILE: keyFile } };
      const server = await startVerifier({
        ...withFile,
        extra: { ...withFile.extra, VERIFIER_WORKERS: '2' },
      });
      const workers = childrenRunning(server.child.pid as number, 'server');
      expect(workers).toHaveLength(2);
      // The key file lost while it runs; then a worker dies and the primary starts another.
      rmSync(keyFile);
      process.kill(workers[0] as number, 'SIGKILL');
      const replaced = Date.now() + 15_000;
      while (!childrenRunning(server.child.pid as number, 'server').some((p) => !workers.includes(p))) {
        if (Date.now() > replaced) throw new Error('no replacement worker');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (let i = 0; i < 6; i++) expect((await new HttpClient(server.url).get('/login')).status).toBe(200);
      expect(existsSync(keyFile)).toBe(false);

      // The database given another key meanwhile (reset-key-check while it runs): the next
      // replacement refuses, and the primary stops every worker instead of respawning it.
      const other = newVerifierKey();
      const reset = await runVerifierToExit({ ...withFile, key: other }, ['reset-key-check']);
      expect(reset.code).toBe(0);
      expect(reset.stdout).toContain('the key from VERIFIER_KEY');
      // On a loaded machine the primary may have stopped the workers already (a worker that meets
      // the new key check on its own): then there is none left to kill, and the outcome is the same.
      const [victim] = childrenRunning(server.child.pid as number, 'server');
      try {
        if (victim !== undefined) process.kill(victim, 'SIGKILL');
      } catch {
        // gone between the listing and the kill: as above
      }
      expect(await server.exited).toEqual({ code: 78, signal: null });
      expect(server.stderr()).toContain('a worker found the database used with another master key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('rotate-key is refused as soon as an instance has started, alone or as workers, before any key watch', async () => {
    const db = await database();
    const key = newVerifierKey();
    const noWatch = { VERIFIER_KEY_WATCH_MS: '3600000' };
    const dir = mkdtempSync(join(tmpdir(), 'verifier-key-'));
    try {
      const newFile = join(dir, 'new.key');
      const rotate = () =>
        runVerifierToExit({ database: db, key }, ['rotate-key', '--new-key-file', newFile]);
      for (const extra of [noWatch, { ...noWatch, VERIFIER_WORKERS: '2' }]) {
        const server = await startVerifier({ database: db, key, seed: false, extra });
        const refused = await rotate();
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('a verifier instance runs on the database');
        expect((await new HttpClient(server.url).get('/login')).status).toBe(200);
        expect(await server.stop()).toEqual({ code: 0, signal: null });
      }
      const done = await rotate();
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('once the database has another key, running instances, alone or as workers, stop (78)', async () => {
    const db = await database();
    const key = newVerifierKey();
    const watch = { VERIFIER_KEY_WATCH_MS: '200' };
    const alone = await startVerifier({ database: db, key, seed: false, extra: watch });
    const workers = await startVerifier({
      database: db,
      key,
      seed: false,
      extra: { ...watch, VERIFIER_WORKERS: '2' },
    });
    const dir = mkdtempSync(join(tmpdir(), 'verifier-key-'));
    try {
      const newFile = join(dir, 'new.key');
      writeFileSync(newFile, `${newVerifierKey()}\n`, { mode: 0o600 });
      // The database given a new key while they run (reset-key-check does not look for instances;
      // rotate-key refuses, see the test above).
      const reset = await runVerifierToExit(
        { database: db, key: '', extra: { VERIFIER_KEY_FILE: newFile } },
        ['reset-key-check'],
      );
      expect(reset.code).toBe(0);
      expect(await alone.exited).toEqual({ code: 78, signal: null });
      expect(alone.stderr()).toContain('the database is now used with another master key');
      expect(await workers.exited).toEqual({ code: 78, signal: null });
      expect(workers.stderr()).toContain('stopping every worker');
      // Started with the new key, an instance serves.
      const again = await startVerifier({
        database: db,
        key: '',
        seed: false,
        extra: { VERIFIER_KEY_FILE: newFile },
      });
      expect((await new HttpClient(again.url).get('/login')).status).toBe(200);
      await again.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('reset-key-check and rotate-key never create the key in use: a mistyped path is reported, not adopted', async () => {
    const db = await database();
    const key = newVerifierKey();
    const server = await startVerifier({ database: db, key, seed: false });
    await server.stop();
    const dir = mkdtempSync(join(tmpdir(), 'verifier-key-'));
    try {
      const typo = join(dir, 'verifeir.key');
      const newKey = join(dir, 'new.key');
      for (const args of [
        ['reset-key-check', '--remove-unreadable-authenticators'],
        ['rotate-key', '--new-key-file', newKey],
      ]) {
        const run = await runVerifierToExit(
          { database: db, key: '', extra: { VERIFIER_KEY_FILE: typo } },
          args,
        );
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(`key file ${typo} does not exist`);
        expect(existsSync(typo)).toBe(false);
        expect(existsSync(newKey)).toBe(false);
      }
      const again = await startVerifier({ database: db, key, seed: false });
      await again.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
