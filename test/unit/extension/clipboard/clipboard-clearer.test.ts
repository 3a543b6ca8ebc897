/**
 * Clearing a copied code (issue 11) with faked clocks: the offscreen document's decision and timer.
 * The clipboard is a fake that records what was written.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ClipboardAccess, clearIfUnchanged } from '../../../../extension/clipboard/clear-if-unchanged';
import { createClipboardClearer } from '../../../../extension/clipboard/clipboard-clearer';

function fakeClipboard(initial: string | undefined) {
  let text = initial;
  const writes: string[] = [];
  const clipboard: ClipboardAccess = {
    read: async () => text,
    write: async (next) => {
      writes.push(next);
      text = next;
    },
  };
  return { clipboard, writes, copy: (next: string) => (text = next), current: () => text };
}

describe('clearIfUnchanged', () => {
  it.each([
    ['the code itself', '492039', 'cleared', ''],
    ['something copied since', 'patiëntnummer 1234', 'changed', 'patiëntnummer 1234'],
    ['the code with a space (another text)', '492 039', 'changed', '492 039'],
    ['an empty clipboard', '', 'changed', ''],
  ])('[%#] %s: %s', async (_what, onClipboard, outcome, after) => {
    const fake = fakeClipboard(onClipboard);
    expect(await clearIfUnchanged(fake.clipboard, '492039')).toBe(outcome);
    expect(fake.current()).toBe(after);
    expect(fake.writes).toEqual(outcome === 'cleared' ? [''] : []);
  });

  it('touches nothing when the clipboard cannot be read (no permission, or an error)', async () => {
    const refused = fakeClipboard(undefined);
    expect(await clearIfUnchanged(refused.clipboard, '492039')).toBe('unreadable');
    const failing: ClipboardAccess = {
      read: () => Promise.reject(new Error('denied')),
      write: vi.fn(async () => {}),
    };
    expect(await clearIfUnchanged(failing, '492039')).toBe('unreadable');
    expect(refused.writes).toEqual([]);
    expect(failing.write).not.toHaveBeenCalled();
  });
});

describe('the clearer’s timer (faked clock)', () => {
  const T0 = 1_700_000_000_000;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('clears the code when its time comes, not a moment before', async () => {
    const fake = fakeClipboard('492039');
    const outcomes: string[] = [];
    const clearer = createClipboardClearer({ clipboard: fake.clipboard, onOutcome: (o) => outcomes.push(o) });
    clearer.schedule('492039', T0 + 30_000);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(fake.current()).toBe('492039');
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.current()).toBe('');
    expect(outcomes).toEqual(['cleared']);
  });

  it('leaves what the user copied after the code', async () => {
    const fake = fakeClipboard('492039');
    const clearer = createClipboardClearer({ clipboard: fake.clipboard });
    clearer.schedule('492039', T0 + 30_000);
    await vi.advanceTimersByTimeAsync(10_000);
    fake.copy('Kies uw authenticator');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.current()).toBe('Kies uw authenticator');
    expect(fake.writes).toEqual([]);
  });

  it('a newer code replaces the pending one: cleared at its own time', async () => {
    const fake = fakeClipboard('111111');
    const outcomes: string[] = [];
    const clearer = createClipboardClearer({ clipboard: fake.clipboard, onOutcome: (o) => outcomes.push(o) });
    clearer.schedule('111111', T0 + 30_000);
    await vi.advanceTimersByTimeAsync(20_000);
    fake.copy('222222');
    clearer.schedule('222222', T0 + 50_000);
    await vi.advanceTimersByTimeAsync(10_000); // the first code's time: nothing happens
    expect(fake.current()).toBe('222222');
    expect(outcomes).toEqual([]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(fake.current()).toBe('');
    expect(outcomes).toEqual(['cleared']);
  });

  it('clearNow (the vault locked) clears at once and cancels the timer', async () => {
    const fake = fakeClipboard('492039');
    const clearer = createClipboardClearer({ clipboard: fake.clipboard });
    clearer.schedule('492039', T0 + 30_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await clearer.clearNow()).toBe('cleared');
    fake.copy('492039'); // copied again by hand: no longer ours to clear
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.current()).toBe('492039');
    expect(fake.writes).toEqual(['']);
    expect(await clearer.clearNow()).toBeUndefined();
  });

  it('a time already past (a slow message) clears at once', async () => {
    const fake = fakeClipboard('492039');
    createClipboardClearer({ clipboard: fake.clipboard }).schedule('492039', T0 - 1000);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.current()).toBe('');
  });
});
