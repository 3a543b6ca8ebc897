import { describe, expect, it } from 'vitest';
import type { StorageArea } from '../../../../extension/lock/chrome-storage';
import { takeUnlockReason } from '../../../../extension/popup/unlock-reason';

/** Session storage as the worker leaves it; records which keys the popup read. */
function session(items: Record<string, unknown>) {
  const read: string[] = [];
  const area: StorageArea = {
    get: async (keys) => {
      const wanted = typeof keys === 'string' ? [keys] : keys;
      read.push(...wanted);
      return Object.fromEntries(wanted.filter((k) => k in items).map((k) => [k, items[k]]));
    },
    set: async () => undefined,
    remove: async () => undefined,
  };
  return { area, read };
}

const HELD = [{ uri: 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP', foundOutsideSelection: false, at: 1 }];

describe('why the locked popup asks to unlock', () => {
  it.each([
    [{}, undefined],
    [{ 'lock.pendingScan': { tabId: 3, at: 1 } }, 'unlockForScan'],
    [{ 'lock.heldScans': HELD, 'lock.heldScanCount': 1 }, 'unlockForScanResult'],
    [
      { 'lock.heldScans': HELD, 'lock.heldScanCount': 1, 'lock.pendingScan': { tabId: 3, at: 1 } },
      'unlockForScanResult',
    ],
  ])('[%#] %j: %s', async (items, reason) => {
    expect(await takeUnlockReason(session(items).area)).toBe(reason);
  });

  it('never reads the held scans themselves (they hold secrets; SECURITY #34)', async () => {
    const { area, read } = session({ 'lock.heldScans': HELD, 'lock.heldScanCount': 1 });
    await takeUnlockReason(area);
    expect(read).not.toContain('lock.heldScans');
  });
});
