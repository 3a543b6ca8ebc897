import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { type Drift, driftToShow } from '../../drift/check-drift';
import { type ClockCorrection, correctionFor, NO_CORRECTION } from '../../drift/clock-offset';
import type { SiteDate } from '../../drift/read-site-date';
import type { UnlockResult } from '../../lock/unlock-with-passphrase';
import type { EffectiveSettings } from '../../settings/read-settings';
import { SETTING_DEFAULTS } from '../../settings/settings';
import { type Vault, VaultLockedError } from '../../vault';
import { defaultClock } from '../hooks/use-clock';
import { offsetClock } from '../offset-clock';
import type { UnlockReason } from '../unlock-reason';
import { App, type AppProps } from './app';
import { ClockDrift, PassphraseShortNotice, SetPassphraseFirst } from './lazy-panels';
import { LockedView } from './locked-view';

export interface PopupRootProps
  extends Omit<
    AppProps,
    | 'openVault'
    | 'workstationName'
    | 'onLock'
    | 'allowManualEntry'
    | 'allowImport'
    | 'allowDeleteAccounts'
    | 'onClockSite'
    | 'notices'
    | 'focusOnOpen'
  > {
  /** Opens the vault with the session key, if any; rejects with VaultLockedError when locked. */
  readonly openVault: () => Promise<Vault>;
  readonly settings: () => Promise<EffectiveSettings>;
  readonly unlock: (passphrase: string) => Promise<UnlockResult>;
  readonly lock: () => Promise<void>;
  /** Calls back when the lock state may have changed elsewhere (idle, the options page); returns a stop. */
  readonly watchLock: (onChange: () => void) => () => void;
  /** What the locked popup says (a scan waits for the unlock, or why the vault locked), if anything. */
  readonly unlockReason?: () => Promise<UnlockReason | undefined>;
  /**
   * That site's Date header, for the clock check (undefined: the tab no longer shows it). Asked
   * only for the site the open app names (clock-check-site.ts), never while locked.
   */
  readonly siteDate?: (origin: string) => Promise<SiteDate | undefined>;
  /** The clock corrections the user accepted, each with its site, stored; NO_CORRECTION when none. */
  readonly clockOffset?: {
    read(): Promise<ClockCorrection>;
    write(correction: ClockCorrection): Promise<void>;
  };
}

type State =
  | { readonly view: 'opening' }
  | { readonly view: 'locked'; readonly reason: UnlockReason | undefined }
  | { readonly view: 'set-passphrase' }
  | { readonly view: 'open'; readonly vault: Promise<Vault>; readonly lockable: boolean };

/**
 * Decides what the popup may show (SECURITY #34): a locked vault gets only the unlock form, a
 * policy that requires a passphrase gets no codes before one is set, and only an open vault is
 * handed to the app. A lock elsewhere unmounts the app, which closes the vault.
 */
export function PopupRoot(props: PopupRootProps) {
  const {
    openVault,
    settings: readSettings,
    unlock,
    lock,
    watchLock,
    unlockReason,
    siteDate,
    clockOffset,
    ...appProps
  } = props;
  const [state, setState] = useState<State>({ view: 'opening' });
  const [policy, setPolicy] = useState({
    workstationName: '',
    allowManualEntry: true,
    allowImport: true,
    allowDeleteAccounts: true,
    checkClockDrift: false,
    minPassphraseLength: SETTING_DEFAULTS.minPassphraseLength,
  });
  const [correction, setCorrection] = useState<ClockCorrection | null>(
    clockOffset === undefined ? NO_CORRECTION : null,
  );
  const [drift, setDrift] = useState<Drift>();
  const [generation, setGeneration] = useState(0);
  // Unlocked with the form, which took the focus with it: the app puts it on the list.
  const [unlocked, setUnlocked] = useState(false);
  // Unlocked with the form by a passphrase shorter than the minimum now in force: said after this unlock.
  const [shortPassphrase, setShortPassphrase] = useState(false);
  // The site whose clock counts, as the app of that generation named it once it had read the accounts.
  const [clockSite, setClockSite] = useState<{
    readonly generation: number;
    readonly site: string | undefined;
    /** Some account is of that site: a correction moves its codes; else (no account has a website) those without one. */
    readonly matched?: boolean;
  }>({ generation: -1, site: undefined });
  const onClockSite = useCallback(
    (site: string | undefined, matched: boolean) =>
      setClockSite((named) =>
        named.generation === generation && named.site === site && named.matched === matched
          ? named
          : { generation, site, matched },
      ),
    [generation],
  );
  useEffect(() => {
    clockOffset?.read().then(setCorrection, () => setCorrection(NO_CORRECTION));
  }, [clockOffset]);
  // The codes' clock: the computer's, plus the correction the user accepted for its site's accounts.
  const clock = useMemo(
    () => offsetClock(appProps.clock ?? defaultClock, correction ?? NO_CORRECTION, clockSite.site),
    [correction, appProps.clock, clockSite.site],
  );
  // Only with the vault open and its accounts read: a locked popup asks no site anything.
  const checkSite = state.view === 'open' && clockSite.generation === generation ? clockSite.site : undefined;
  const matched = clockSite.matched === true;
  useEffect(() => {
    if (!policy.checkClockDrift || correction === null || siteDate === undefined || checkSite === undefined) {
      setDrift(undefined);
      return;
    }
    let live = true;
    siteDate(checkSite).then(
      // Against the clock of the codes this site checks: its accounts', or without any account of
      // it (no account has a website yet), those without a website.
      (site) =>
        live &&
        setDrift(
          driftToShow(site, correctionFor(correction, matched ? { origins: [checkSite] } : {}, checkSite)),
        ),
      () => undefined, // a page the grant does not cover: no check
    );
    return () => {
      live = false;
    };
  }, [policy.checkClockDrift, correction, siteDate, checkSite, matched]);

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
          allowImport: value.values.allowImport,
          allowDeleteAccounts: value.values.allowDeleteAccounts,
          checkClockDrift: value.values.checkClockDrift,
          minPassphraseLength: value.values.minPassphraseLength,
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
          if (!live) return;
          setShortPassphrase(false);
          setState({ view: 'locked', reason });
        } else setState({ view: 'open', vault: opening, lockable: false }); // the app shows the error
      },
    );
    return () => {
      live = false;
    };
  }, [openVault, readSettings, unlockReason, generation]);

  // Locked or unlocked elsewhere: open again, which shows whichever view is right now.
  useEffect(() => watchLock(() => setGeneration((g) => g + 1)), [watchLock]);

  // One function per opened vault: the app reopens (and closes the old vault) whenever this
  // changes, so a new arrow on every render (a clock correction, a late drift warning) would
  // close the vault under the list.
  const openedVault = state.view === 'open' ? state.vault : undefined;
  const openAppVault = useCallback(
    () => openedVault ?? Promise.reject(new Error('The vault is not open')),
    [openedVault],
  );

  switch (state.view) {
    case 'opening':
      return null;
    case 'locked':
      return (
        <LockedView
          workstationName={policy.workstationName}
          reason={state.reason?.text}
          unlock={unlock}
          onUnlocked={({ tooShort }) => {
            // A scan waited for the unlock: it starts now, on the page under the popup.
            if (state.reason?.scanWaits === true) return window.close();
            setUnlocked(true);
            setShortPassphrase(tooShort);
            setGeneration((g) => g + 1);
          }}
        />
      );
    case 'set-passphrase':
      return <SetPassphraseFirst workstationName={policy.workstationName} />;
    case 'open':
      if (correction === null) return null;
      return (
        // One App while the vault stays open, whatever the generation: a newly opened vault
        // reaches it through openAppVault, and the list shown stays until the new one is read
        // (an App made anew for a generation was handed the old vault, which the old App closed as
        // it went: "Uw accounts konden niet worden geopend" flashed after every unlock).
        <App
          {...appProps}
          clock={clock}
          openVault={openAppVault}
          workstationName={policy.workstationName}
          allowManualEntry={policy.allowManualEntry}
          allowImport={policy.allowImport}
          allowDeleteAccounts={policy.allowDeleteAccounts}
          onLock={state.lockable ? () => void lock() : undefined}
          onClockSite={onClockSite}
          focusOnOpen={unlocked}
          // Under the toolbar, with the app's other notices: above the title it pushed it down.
          notices={
            <>
              {shortPassphrase && <PassphraseShortNotice minLength={policy.minPassphraseLength} />}
              <ClockDrift
                drift={drift}
                site={checkSite}
                siteless={!matched}
                correction={correction}
                onCorrect={(corrected) => {
                  setCorrection(corrected);
                  setDrift(undefined);
                  void clockOffset?.write(corrected);
                }}
              />
            </>
          }
        />
      );
  }
}
