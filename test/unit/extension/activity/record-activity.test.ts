import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openActivityDb } from '../../../../extension/activity/activity-db';
import type { ActivityEvent } from '../../../../extension/activity/activity-event';
import { readActivity } from '../../../../extension/activity/read-activity';
import { recordActivity } from '../../../../extension/activity/record-activity';
import { watchActivity } from '../../../../extension/activity/watch-activity';

const DB = 'activity-test';
let clock: number;
const at = () => clock++;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  clock = Date.UTC(2026, 11, 2, 9);
});

const removed: ActivityEvent = { kind: 'account-removed' };

describe('the activity log', () => {
  it('keeps what happened and when, newest first', async () => {
    await recordActivity({ kind: 'unlock-refused' }, { dbName: DB, now: at });
    await recordActivity({ kind: 'unlocked' }, { dbName: DB, now: at });
    await recordActivity(removed, { dbName: DB, now: at });
    expect(await readActivity(DB)).toEqual([
      { key: 3, at: Date.UTC(2026, 11, 2, 9) + 2, event: removed },
      { key: 2, at: Date.UTC(2026, 11, 2, 9) + 1, event: { kind: 'unlocked' } },
      { key: 1, at: Date.UTC(2026, 11, 2, 9), event: { kind: 'unlock-refused' } },
    ]);
  });

  it('keeps the newest entries up to its limit: the oldest go first', async () => {
    for (let count = 1; count <= 7; count++)
      await recordActivity({ kind: 'accounts-added', via: 'scan', count }, { dbName: DB, limit: 3, now: at });
    const counts = (await readActivity(DB)).map((e) => (e.event as { count: number }).count);
    expect(counts).toEqual([7, 6, 5]);
  });

  it('order is the order of recording, whatever the clock did (set back an hour)', async () => {
    await recordActivity({ kind: 'unlocked' }, { dbName: DB, now: () => 2_000_000 });
    await recordActivity({ kind: 'locked', why: 'button' }, { dbName: DB, now: () => 2_000_000 - 3_600_000 });
    expect((await readActivity(DB)).map((e) => (e.event as ActivityEvent).kind)).toEqual([
      'locked',
      'unlocked',
    ]);
  });

  it('reads a damaged entry as it is, never failing the others: no time, no event', async () => {
    await recordActivity(removed, { dbName: DB, now: at });
    const db = await openActivityDb(DB);
    await db.add('entries', null as never);
    await db.add('entries', { at: 'gisteren', event: 'iets' } as never);
    db.close();
    expect(await readActivity(DB)).toEqual([
      { key: 3, at: Number.NaN, event: 'iets' },
      { key: 2, at: Number.NaN, event: undefined },
      { key: 1, at: Date.UTC(2026, 11, 2, 9), event: removed },
    ]);
  });

  it('a log that cannot be written never fails what is being recorded, and names no detail', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const open = vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('disk full', 'QuotaExceededError');
    });
    try {
      await expect(recordActivity(removed, { dbName: DB })).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalledWith(
        'authenticator: the activity log was not written',
        'QuotaExceededError',
      );
    } finally {
      open.mockRestore();
      warn.mockRestore();
    }
    expect(await readActivity(DB)).toEqual([]);
  });

  it('tells every page watching that log, after the entry is there; not those watching another', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const other: string[] = [];
    const arrived = new Promise<void>((resolve) =>
      watchActivity(
        DB,
        () => {
          void readActivity(DB).then((entries) => {
            seen.push(...entries.map((e) => (e.event as ActivityEvent).kind));
            resolve();
          });
        },
        controller.signal,
      ),
    );
    watchActivity('another-log', () => other.push('told'), controller.signal);
    await recordActivity(removed, { dbName: DB });
    await arrived;
    controller.abort();
    expect(seen).toEqual(['account-removed']);
    expect(other).toEqual([]);
  });
});
