import { describe, expect, test } from 'vitest';
import { LAST_SCAN_KEY, lastScan } from '../../../../extension/last-scan';
import {
  LOCK_REASON_KEY,
  lockVault,
  SESSION_KEY,
  UNLOCKED_AT_KEY,
} from '../../../../extension/lock/session-store';
import { fakeStorageArea } from '../../../support/fake-storage-area';

describe('lockVault', () => {
  // SECURITY #34, found by an attacker review: the last scan's report names the accounts it added,
  // and it outlived the lock in session storage, readable from any extension page's DevTools.
  test('forgets the last scan’s report, which names accounts, with the session key', async () => {
    const session = fakeStorageArea({
      [SESSION_KEY]: 'key',
      [UNLOCKED_AT_KEY]: 1,
      [LAST_SCAN_KEY]: lastScan({
        status: 'added',
        names: ['Zorgmail: balie@praktijk.nl'],
        ids: ['1'],
        skipped: 0,
        foundOutsideSelection: false,
      }),
    });
    await lockVault(session, { why: 'idle', minutes: 5 });
    expect(session.data).toEqual({ [LOCK_REASON_KEY]: { why: 'idle', minutes: 5 } });
    expect(JSON.stringify(session.data)).not.toContain('Zorgmail');
  });

  test('keeps the report of a scan held for the unlock: a count, no name', async () => {
    const held = lastScan({ status: 'held', count: 2, foundOutsideSelection: false });
    const session = fakeStorageArea({ [LAST_SCAN_KEY]: held });
    await lockVault(session, { why: 'screen-lock' });
    expect(session.data[LAST_SCAN_KEY]).toEqual(held);
  });
});
