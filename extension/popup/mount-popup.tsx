import { render } from 'preact';
import { type ClockCorrection, readStoredCorrection, writeStoredCorrection } from '../drift/clock-offset';
import { readSiteDate } from '../drift/read-site-date';
import { loadSession, lockVault, watchSession } from '../lock/session-store';
import { readSettings } from '../settings/read-settings';
import { openVault } from '../vault';
import { PopupRoot } from './components/popup-root';
import type { StartedPopup } from './start-popup';

/** The started read the first time, a new one after (the popup opens the vault again after an unlock). */
function firstThen<T>(started: Promise<T>, again: () => Promise<T>): () => Promise<T> {
  let early: Promise<T> | undefined = started;
  return () => {
    const value = early ?? again();
    early = undefined;
    return value;
  };
}

export function mountPopup(started: StartedPopup): void {
  const { storage } = started;
  const open = firstThen(started.vault, async () =>
    openVault({ session: await loadSession(storage.session) }),
  );
  const settings = firstThen(started.settings, readSettings);
  const readOffset = firstThen(started.clockOffset, () => readStoredCorrection(storage.local));

  // The unlock path (argon2id, WASM) is loaded only when a passphrase is submitted. (Imports here
  // are `.then((m) => m.x)`: vite wraps `(await import(…)).x` in more code, in the first files.)
  const unlock = (passphrase: string) =>
    import('../lock/unlock-vault-now').then((m) => m.unlockVaultNow(passphrase));
  const watchLock = (onChange: () => void) => {
    const controller = new AbortController();
    watchSession(onChange, controller.signal);
    return () => controller.abort();
  };
  // Only a locked popup says why: its text is loaded then, not in every opening.
  const reason = () => import('./unlock-reason').then((m) => m.takeUnlockReason(storage.session));
  const clockOffset = {
    read: readOffset,
    write: (correction: ClockCorrection) => writeStoredCorrection(storage.local, correction),
  };

  const root = document.getElementById('app');
  if (root === null) return;
  render(
    <PopupRoot
      openVault={open}
      settings={settings}
      unlock={unlock}
      lock={() => lockVault(storage.session)}
      watchLock={watchLock}
      unlockReason={reason}
      siteDate={(origin) => readSiteDate(origin)}
      clockOffset={clockOffset}
    />,
    root,
  );
}
