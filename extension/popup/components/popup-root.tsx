import { useEffect, useState } from 'preact/hooks';
import type { UnlockResult } from '../../lock/unlock-with-passphrase';
import type { EffectiveSettings } from '../../settings/read-settings';
import { type Vault, VaultLockedError } from '../../vault';
import { App, type AppProps } from './app';
import { LockedView } from './locked-view';
import { SetPassphraseFirst } from './set-passphrase-first';

export interface PopupRootProps
  extends Omit<AppProps, 'openVault' | 'workstationName' | 'onLock' | 'allowManualEntry'> {
  /** Opens the vault with the session key, if any; rejects with VaultLockedError when locked. */
  readonly openVault: () => Promise<Vault>;
  readonly settings: () => Promise<EffectiveSettings>;
  readonly unlock: (passphrase: string) => Promise<UnlockResult>;
  readonly lock: () => Promise<void>;
  /** Calls back when the lock state may have changed elsewhere (idle, the options page); returns a stop. */
  readonly watchLock: (onChange: () => void) => () => void;
  /** Why unlocking is asked for (a scan waits for it), if anything. */
  readonly unlockReason?: () => Promise<string | undefined>;
}

type State =
  | { readonly view: 'opening' }
  | { readonly view: 'locked'; readonly reason: string | undefined }
  | { readonly view: 'set-passphrase' }
  | { readonly view: 'open'; readonly vault: Promise<Vault>; readonly lockable: boolean };

/**
 * Decides what the popup may show (SECURITY #34): a locked vault gets only the unlock form, a
 * policy that requires a passphrase gets no codes before one is set, and only an open vault is
 * handed to the app. A lock elsewhere unmounts the app, which closes the vault.
 */
export function PopupRoot(props: PopupRootProps) {
  const { openVault, settings: readSettings, unlock, lock, watchLock, unlockReason, ...appProps } = props;
  const [state, setState] = useState<State>({ view: 'opening' });
  const [policy, setPolicy] = useState({ workstationName: '', allowManualEntry: true });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    const opening = openVault();
    opening.catch(() => undefined);
    const settings = readSettings().catch(() => undefined);
    void settings.then(
      (value) =>
        live &&
        value !== undefined &&
        setPolicy({
          workstationName: value.values.workstationName,
          allowManualEntry: value.values.allowManualEntry,
        }),
    );
    opening.then(
      async (vault) => {
        const required = (await settings)?.values.requirePassphrase === true;
        if (!live) return vault.close();
        if (required && !vault.passphraseRequired) {
          vault.close();
          return setState({ view: 'set-passphrase' });
        }
        setState({ view: 'open', vault: Promise.resolve(vault), lockable: vault.passphraseRequired });
      },
      async (error: unknown) => {
        if (!live) return;
        if (error instanceof VaultLockedError) {
          const reason = await unlockReason?.().catch(() => undefined);
          if (live) setState({ view: 'locked', reason });
        } else setState({ view: 'open', vault: opening, lockable: false }); // the app shows the error
      },
    );
    return () => {
      live = false;
    };
  }, [openVault, readSettings, unlockReason, generation]);

  // Locked or unlocked elsewhere: open again, which shows whichever view is right now.
  useEffect(() => watchLock(() => setGeneration((g) => g + 1)), [watchLock]);

  switch (state.view) {
    case 'opening':
      return null;
    case 'locked':
      return (
        <LockedView
          workstationName={policy.workstationName}
          reason={state.reason}
          unlock={unlock}
          onUnlocked={() => {
            // A scan waited for the unlock: it starts now, on the page under the popup.
            if (state.reason !== undefined) window.close();
            else setGeneration((g) => g + 1);
          }}
        />
      );
    case 'set-passphrase':
      return <SetPassphraseFirst workstationName={policy.workstationName} />;
    case 'open':
      return (
        <App
          key={generation}
          {...appProps}
          openVault={() => state.vault}
          workstationName={policy.workstationName}
          allowManualEntry={policy.allowManualEntry}
          onLock={state.lockable ? () => void lock() : undefined}
        />
      );
  }
}
