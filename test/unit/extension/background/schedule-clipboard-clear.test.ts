import { describe, expect, it, vi } from 'vitest';
import { scheduleClipboardClear } from '../../../../extension/background/schedule-clipboard-clear';
import type { OffscreenMessage } from '../../../../extension/offscreen/offscreen-messages';

const NOW = 1_700_000_000_000;

function deps(seconds: number, permitted: boolean) {
  const delivered: OffscreenMessage[] = [];
  return {
    delivered,
    deps: {
      clearSeconds: async () => seconds,
      permitted: vi.fn(async () => permitted),
      deliver: async (message: OffscreenMessage) => void delivered.push(message),
      lockedAt: async () => undefined,
      now: () => NOW,
    },
  };
}

describe('scheduleClipboardClear: what becomes of a copied code', () => {
  it('hands the code to the offscreen document with its time, and tells the popup the seconds', async () => {
    const { deps: d, delivered } = deps(30, true);
    expect(await scheduleClipboardClear('492039', d)).toEqual({ clearing: 'scheduled', seconds: 30 });
    expect(delivered).toEqual([
      { target: 'offscreen-clipboard', type: 'clear-at', text: '492039', clearAt: NOW + 30_000 },
    ]);
  });

  it('without the optional clipboard permissions: nothing is scheduled, and the popup is told why', async () => {
    const { deps: d, delivered } = deps(30, false);
    expect(await scheduleClipboardClear('492039', d)).toEqual({ clearing: 'no-permission' });
    expect(delivered).toEqual([]);
  });

  it('0 seconds (setting or policy) means never, whatever the permissions', async () => {
    const { deps: d, delivered } = deps(0, true);
    expect(await scheduleClipboardClear('492039', d)).toEqual({ clearing: 'off' });
    expect(delivered).toEqual([]);
    expect(d.permitted).not.toHaveBeenCalled();
  });

  it.each(['', '12345', '123456789', '49 20 39', 'otpauth://totp/x?secret=JBSWY3DP'])(
    '[%#] only a code is ever cleared: %j is not',
    async (text) => {
      const { deps: d, delivered } = deps(30, true);
      expect(await scheduleClipboardClear(text, d)).toEqual({ clearing: 'off' });
      expect(delivered).toEqual([]);
    },
  );
});
