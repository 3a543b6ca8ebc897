/**
 * A lock right after a copy (SECURITY #34): whatever order the worker's messages reach the offscreen
 * document in, and even while that document is still being made, a code copied before the lock is
 * cleared at the lock, not after the whole delay. Fakes: the document (the real clearer over a fake
 * clipboard), its creation, session storage and the clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearOnLock } from '../../../../extension/background/clear-on-lock';
import {
  type ClipboardClearDeps,
  scheduleClipboardClear,
} from '../../../../extension/background/schedule-clipboard-clear';
import { createClipboardClearer } from '../../../../extension/clipboard/clipboard-clearer';
import type { OffscreenMessage } from '../../../../extension/offscreen/offscreen-messages';

const T0 = 1_700_000_000_000;
const CODE = '492039';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** The worker, its session storage and the offscreen document, with the clipboard holding `CODE`. */
function world() {
  let clipboard = CODE;
  const session = new Map<string, number>();
  const clearer = createClipboardClearer({
    clipboard: {
      read: async () => clipboard,
      write: async (text) => {
        clipboard = text;
      },
    },
  });
  let open = false;
  let made: () => void = () => undefined;
  let making: Promise<void> | undefined;
  /** What the document does with a message (it exists by then). */
  const receive = async (message: OffscreenMessage) => {
    if (message.type === 'clear-at') clearer.schedule(message.text, message.clearAt);
    else await clearer.clearNow();
  };
  const copyDeps: ClipboardClearDeps = {
    clearSeconds: async () => 30,
    permitted: async () => true,
    deliver: async (message) => {
      if (!open) {
        // chrome.offscreen.createDocument: made when the test says so.
        making ??= new Promise<void>((resolve) => {
          made = () => {
            open = true;
            resolve();
          };
        });
        await making;
      }
      await receive(message);
    },
    lockedAt: async () => session.get('lockedAt'),
  };
  const lock = () =>
    clearOnLock({
      markLocked: async (at) => void session.set('lockedAt', at),
      documentOpen: async () => open,
      send: async (message) => {
        if (open) await receive(message);
      },
    });
  return {
    copyDeps,
    lock,
    clipboard: () => clipboard,
    openDocument: () => {
      open = true;
    },
    finishMaking: () => made(),
  };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

describe('a lock right after a copy clears the code', () => {
  it('while the offscreen document is still being made (the first copy)', async () => {
    const w = world();
    const scheduled = scheduleClipboardClear(CODE, w.copyDeps, T0);
    await settle();
    vi.setSystemTime(T0 + 200);
    await w.lock(); // no document yet: nothing to tell
    w.finishMaking();
    await scheduled;
    await settle();
    expect(w.clipboard()).toBe('');
  });

  it('when its clear-now overtakes the copy’s clear-at', async () => {
    const w = world();
    w.openDocument();
    // Copied at T0; the lock is handled before the worker gets to the copy's message.
    vi.setSystemTime(T0 + 50);
    await w.lock();
    await scheduleClipboardClear(CODE, w.copyDeps, T0);
    await settle();
    expect(w.clipboard()).toBe('');
  });

  it('in the usual order too (the document had the code when the lock came)', async () => {
    const w = world();
    w.openDocument();
    await scheduleClipboardClear(CODE, w.copyDeps, T0);
    vi.setSystemTime(T0 + 1000);
    await w.lock();
    await settle();
    expect(w.clipboard()).toBe('');
  });

  it('but a code copied after a lock (unlocked again) stays until its time', async () => {
    const w = world();
    w.openDocument();
    await w.lock();
    vi.setSystemTime(T0 + 60_000);
    await scheduleClipboardClear(CODE, w.copyDeps, T0 + 60_000);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(w.clipboard()).toBe(CODE);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(w.clipboard()).toBe('');
  });
});
