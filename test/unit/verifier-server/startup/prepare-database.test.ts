import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEMO } from '../../../../verifier-server/seed/seed-demo';
import { prepareDatabase } from '../../../../verifier-server/startup/prepare-database';
import { addUser } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';

/**
 * What a start does to a database it has just migrated, on SQLite (`unit`) and PostgreSQL
 * (`unit-pg`): the demo account goes only into a database that is new (SECURITY #27). The process
 * tests (processes/demo-seed.test.ts) cover the hosts and settings; this covers data that arrives
 * between the migration and the seed.
 */

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

const prepare = () => prepareDatabase(t.ctx.store, t.ctx.passwords, t.config, '127.0.0.1', true);

describe('the demo seed at start', () => {
  test('a database this start created, on this machine, gets demo/demo', async () => {
    expect(t.ctx.store.fresh).toBe(true);
    const prepared = await prepare();
    expect(prepared).toMatchObject({ seeded: true, demoOpen: true });
    expect(await t.ctx.store.findUserByName(DEMO.username)).not.toBeNull();
  });

  test('users that came in after the migration (a copy into the new schema): no demo account among them', async () => {
    expect(t.ctx.store.fresh).toBe(true);
    const copied = await addUser(t, { username: 'assistent' });
    const prepared = await prepare();
    expect(prepared).toMatchObject({ seeded: false, demoOpen: false, notes: [], warning: null });
    expect(await t.ctx.store.findUserByName(DEMO.username)).toBeNull();
    expect((await t.ctx.store.listUsers()).map((u) => u.id)).toEqual([copied.id]);
  });
});
