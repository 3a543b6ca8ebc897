import { describe, expect, test } from 'vitest';
import {
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
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('the master key is not the one this database is used with');
      expect(wrong.stderr).toContain('VERIFIER_KEY');
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
});
