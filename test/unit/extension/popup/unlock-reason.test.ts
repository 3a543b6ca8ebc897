import { describe, expect, it } from 'vitest';
import type { StorageArea } from '../../../../extension/lock/chrome-storage';
import { takeUnlockReason } from '../../../../extension/popup/unlock-reason';
import { installChromeI18n } from './chrome-i18n';

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
    const said = await takeUnlockReason(session(items).area);
    expect(said).toEqual(reason === undefined ? undefined : { text: reason, scanWaits: true });
  });

  it('never reads the held scans themselves (they hold secrets; SECURITY #34)', async () => {
    const { area, read } = session({ 'lock.heldScans': HELD, 'lock.heldScanCount': 1 });
    await takeUnlockReason(area);
    expect(read).not.toContain('lock.heldScans');
  });
});

describe('why the vault locked by itself, said in the locked popup', () => {
  it.each([
    [{ why: 'idle', minutes: 15 }, 'Authenticator is vergrendeld na 15 minuten zonder activiteit.'],
    [{ why: 'idle', minutes: 1 }, 'Authenticator is vergrendeld na 1 minuut zonder activiteit.'],
    [{ why: 'idle', minutes: 120 }, 'Authenticator is vergrendeld na 2 uur zonder activiteit.'],
    [{ why: 'screen-lock' }, 'Authenticator is vergrendeld omdat het scherm werd vergrendeld.'],
    [
      { why: 'max-unlock', minutes: 480 },
      'Authenticator is vergrendeld: het was 8 uur ontgrendeld, het maximum op deze computer.',
    ],
    [
      { why: 'max-unlock', minutes: 90 },
      'Authenticator is vergrendeld: het was 90 minuten ontgrendeld, het maximum op deze computer.',
    ],
  ])('%j', async (reason, text) => {
    installChromeI18n('nl');
    const said = await takeUnlockReason(session({ 'lock.reason': reason }).area);
    // Nothing waits for the unlock: the popup stays open after it, with the codes.
    expect(said).toEqual({ text: `${text} Voer de wachtwoordzin in om de codes te zien.`, scanWaits: false });
  });

  it('a scan that waits comes first; a malformed reason is the usual intro', async () => {
    installChromeI18n('nl');
    const both = { 'lock.reason': { why: 'screen-lock' }, 'lock.pendingScan': { tabId: 3, at: 1 } };
    expect(await takeUnlockReason(session(both).area)).toEqual({
      text: 'Voer eerst de wachtwoordzin in; daarna start het scannen van de QR-code.',
      scanWaits: true,
    });
    for (const bad of [{ why: 'idle' }, { why: 'idle', minutes: -3 }, { why: 'other' }, 'idle', null])
      expect(await takeUnlockReason(session({ 'lock.reason': bad }).area)).toBeUndefined();
  });
});
