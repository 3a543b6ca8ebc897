import { render } from 'preact';
import { CLOCK_OFFSET_KEY, readClockOffset } from '../drift/clock-offset';
import { readSiteDate } from '../drift/read-site-date';
import { chromeLockStorage } from '../lock/chrome-storage';
import { loadSession, lockVault, watchSession } from '../lock/session-store';
import { readSettings } from '../settings/read-settings';
import { openVault } from '../vault';
import { PopupRoot } from './components/popup-root';
import { t } from './t';
import { takeUnlockReason } from './unlock-reason';
import './popup.css';

// Start-up breakdown for the benchmark: how long until our code runs at all.
performance.mark('popup-script');

const storage = chromeLockStorage();
// Opening the vault (IndexedDB, then unwrapping the key) and reading its records is what the first
// code waits for: start it before the first render, with the session key of an unlocked passphrase
// vault, and read the records while the key is being unwrapped. A locked vault rejects with
// VaultLockedError before anything is decrypted; the root then shows only the unlock form.
let early: Promise<Awaited<ReturnType<typeof openVault>>> | undefined = loadSession(storage.session).then(
  (session) => openVault({ prefetch: true, session }),
);
early.catch(() => undefined);
const open = () => {
  const vault = early ?? loadSession(storage.session).then((session) => openVault({ session }));
  early = undefined;
  return vault;
};

// The unlock path (argon2id, WASM) is loaded only when a passphrase is submitted.
const unlock = async (passphrase: string) =>
  (await import('../lock/unlock-vault-now')).unlockVaultNow(passphrase);
const watchLock = (onChange: () => void) => {
  const controller = new AbortController();
  watchSession(onChange, controller.signal);
  return () => controller.abort();
};
const reason = async () => {
  const why = await takeUnlockReason(storage.session);
  return why === undefined ? undefined : t(why);
};

const clockOffset = {
  read: async () => readClockOffset((await storage.local.get(CLOCK_OFFSET_KEY))[CLOCK_OFFSET_KEY]),
  write: (offsetMs: number) => storage.local.set({ [CLOCK_OFFSET_KEY]: offsetMs }),
};
const siteDate = () => readSiteDate();

const root = document.getElementById('app');
if (root !== null) {
  render(
    <PopupRoot
      openVault={open}
      settings={readSettings}
      unlock={unlock}
      lock={() => lockVault(storage.session)}
      watchLock={watchLock}
      unlockReason={reason}
      siteDate={siteDate}
      clockOffset={clockOffset}
    />,
    root,
  );
}
