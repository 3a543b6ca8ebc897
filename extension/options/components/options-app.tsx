import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { chromeLockStorage } from '../../lock/chrome-storage';
import { eraseLockedVault } from '../../lock/erase-locked-vault';
import { lockVault, saveSession, watchSession } from '../../lock/session-store';
import { UnlockForm } from '../../lock/unlock-form';
import { checkPassphraseNow, unlockVaultNow } from '../../lock/unlock-vault-now';
import type { UnlockResult } from '../../lock/unlock-with-passphrase';
import type { OptionsSection } from '../../popup/open-options';
import { t } from '../../popup/t';
import { passphraseMissing } from '../../settings/passphrase-missing';
import type { SessionKey, Vault } from '../../vault';
import { VaultLockedError } from '../../vault';
import { useScrollToSection } from '../hooks/use-scroll-to-section';
import { useSectionRequests } from '../hooks/use-section-requests';
import { useSettings } from '../hooks/use-settings';
import { type ExportAccounts, loadExportAccounts } from '../load-export-accounts';
import { ACTIVITY_SECTION, ActivityLog } from './activity-log';
import { BackupExport } from './backup-export';
import { ClipboardSettings } from './clipboard-settings';
import { EraseVaultSection } from './erase-vault-section';
import { ErasedNotice } from './erased-notice';
import { FocusedTitle } from './focused-title';
import { GoogleExport } from './google-export';
import { ImportSection } from './import-section';
import { LockSettings } from './lock-settings';
import { MANAGED_POLICY_SECTION, ManagedPolicy } from './managed-policy';
import { PassphraseSettings } from './passphrase-settings';
import { PlainExport } from './plain-export';
import { SecretExportsSettings } from './secret-exports-settings';
import { WorkstationSettings } from './workstation-settings';

export interface OptionsAppProps {
  /** Opens the vault; each import or export opens it for that step and closes it again. */
  readonly openVault: () => Promise<Vault>;
  /** Tries a passphrase through the throttle (default: the extension's storage). */
  readonly unlock?: (passphrase: string) => Promise<UnlockResult>;
  /**
   * Checks the current passphrase on an open vault, before changing or removing it or an export
   * (default: as `unlock` when that is given, else the extension's, which records no unlock in the
   * activity log and a wrong one with what it was typed for).
   */
  readonly verify?: (passphrase: string) => Promise<UnlockResult>;
  /** Keeps (or, with undefined, forgets) the session key (default: chrome.storage.session). */
  readonly keepSession?: (session: SessionKey | undefined) => Promise<void>;
  /** The section the page was opened at (default: the URL's #fragment; see open-options.ts). */
  readonly section?: string;
  /** Erases a vault whose passphrase is forgotten (default: the extension's vault and storage). */
  readonly eraseVault?: () => Promise<void>;
}

type VaultState = 'checking' | 'locked' | 'failed' | { readonly passphraseSet: boolean };

async function keepChromeSession(session: SessionKey | undefined): Promise<void> {
  const area = chromeLockStorage().session;
  await (session === undefined ? lockVault(area) : saveSession(area, session));
}

const LOCK: OptionsSection = 'lock';

/**
 * "Instellingen": what the organisation fixed (only with a policy), import and export, the lock,
 * the workstation, the clipboard, and what happened on this computer (the activity log).
 */
export function OptionsApp({
  openVault,
  unlock: unlockGiven,
  verify,
  keepSession = keepChromeSession,
  section,
  eraseVault = () => eraseLockedVault(chromeLockStorage()),
}: OptionsAppProps) {
  const unlock = unlockGiven ?? unlockVaultNow;
  // One function per purpose for the page's life (the exports' callbacks depend on it).
  const [verifyExport, verifyChange] = useMemo(() => {
    const verifyFor = (purpose: 'export' | 'change') =>
      verify ?? unlockGiven ?? ((passphrase: string) => checkPassphraseNow(passphrase, purpose));
    return [verifyFor('export'), verifyFor('change')] as const;
  }, [verify, unlockGiven]);
  const [settings, setSetting] = useSettings();
  const [vaultState, setVaultState] = useState<VaultState>('checking');
  /** The vault was erased from this page (a forgotten passphrase): said once, at the top. */
  const [erased, setErased] = useState(false);
  /**
   * Unlocked here with a passphrase shorter than the minimum now in force (only that it was, never
   * its length): said once, at the top, with the way to "Vergrendeling", until it is changed.
   */
  const [shortPassphrase, setShortPassphrase] = useState(false);
  // Unlocked with this page's form, which took the focus with it: the page's title takes it.
  const [unlockedHere, setUnlockedHere] = useState(false);
  // Read once: following a link on the page changes the fragment, and must not move the focus.
  const [openedAt] = useState(() => section ?? location.hash.slice(1));
  const lockRequests = useSectionRequests(LOCK, openedAt);
  useScrollToSection(openedAt, settings !== null && typeof vaultState === 'object');

  useLayoutEffect(() => {
    document.documentElement.lang = t('htmlLang');
    document.title = t('optionsDocumentTitle');
  }, []);

  const check = useCallback(() => {
    openVault().then(
      (vault) => {
        setVaultState({ passphraseSet: vault.passphraseRequired });
        vault.close();
      },
      (error: unknown) => {
        const locked = error instanceof VaultLockedError;
        // Locked again: the erase notice has been said; not again (nor focused) after the next unlock.
        if (locked) setErased(false);
        setVaultState(locked ? 'locked' : 'failed');
      },
    );
  }, [openVault]);
  useEffect(() => {
    const controller = new AbortController();
    check();
    // Locked from the popup (or by idle): this page locks too.
    watchSession(check, controller.signal);
    return () => controller.abort();
  }, [check]);

  // The settings as they are at the export, not as last rendered: a policy may have arrived
  // meanwhile; and the vault's passphrase, when it has one, checked there (docs/security.md, "Exports").
  const backupAccounts = useCallback(
    (passphrase: string): Promise<ExportAccounts> =>
      loadExportAccounts(openVault, 'allowEncryptedBackup', { passphrase, verify: verifyExport }),
    [openVault, verifyExport],
  );
  const secretAccounts = useCallback(
    (passphrase: string): Promise<ExportAccounts> =>
      loadExportAccounts(openVault, 'allowSecretExport', { passphrase, verify: verifyExport }),
    [openVault, verifyExport],
  );

  if (vaultState === 'locked') {
    return (
      <main class="options">
        <h1>{t('optionsTitle')}</h1>
        <UnlockForm
          unlock={unlock}
          onUnlocked={({ tooShort }) => {
            setShortPassphrase(tooShort);
            setUnlockedHere(true);
            check();
          }}
          reason={t('optionsUnlockIntro')}
        />
        {/* Shown once the settings are read: allowErase off has the IT person to turn to instead. */}
        {settings !== null &&
          (settings.values.allowErase ? (
            <EraseVaultSection
              erase={eraseVault}
              onErased={() => {
                setErased(true);
                check();
              }}
            />
          ) : (
            <p class="notice" data-testid="erase-policy-off">
              {t('erasePolicyOff')}
            </p>
          ))}
      </main>
    );
  }
  if (settings === null || vaultState === 'checking') return <main class="options" aria-busy="true" />;
  const { values, managed } = settings;
  const allowed = values.allowSecretExport;
  // requirePassphrase without one: no backup and no export until it is set (below, "Vergrendeling").
  const passphraseSet = typeof vaultState === 'object' && vaultState.passphraseSet;
  const passphraseFirst =
    typeof vaultState === 'object' &&
    passphraseMissing(values.requirePassphrase, { passphraseRequired: vaultState.passphraseSet });

  return (
    <main class="options">
      {unlockedHere ? <FocusedTitle /> : <h1>{t('optionsTitle')}</h1>}
      {erased && <ErasedNotice />}
      {shortPassphrase && typeof vaultState === 'object' && vaultState.passphraseSet && (
        <p class="notice" role="status" data-testid="passphrase-short">
          {t('passphraseShortNotice', values.minPassphraseLength)}{' '}
          <a href={`#${LOCK}`}>{t('passphraseChangeButton')}</a>
        </p>
      )}
      <nav aria-label={t('optionsContents')}>
        <ul class="page-nav">
          {managed.size > 0 && (
            <li>
              <a href={`#${MANAGED_POLICY_SECTION}`}>{t('policyHeading')}</a>
            </li>
          )}
          <li>
            <a href="#import">{t('openOptions')}</a>
          </li>
          {typeof vaultState === 'object' && (
            <li>
              <a href={`#${LOCK}`}>{t('lockHeading')}</a>
            </li>
          )}
          <li>
            <a href="#workstation">{t('workstationHeading')}</a>
          </li>
          <li>
            <a href="#clipboard">{t('clipboardHeading')}</a>
          </li>
          <li>
            <a href="#secret-exports">{t('settingsHeading')}</a>
          </li>
          <li>
            <a href={`#${ACTIVITY_SECTION}`}>{t('activityNav')}</a>
          </li>
        </ul>
      </nav>
      <ManagedPolicy settings={settings} />
      {values.allowImport ? (
        <ImportSection openVault={openVault} />
      ) : (
        <section id="import" aria-labelledby="import-heading">
          <h2 id="import-heading">{t('importHeading')}</h2>
          <p class="notice" data-testid="import-policy-off">
            {t('importPolicyOff')}
          </p>
        </section>
      )}
      <section id="export" aria-labelledby="export-heading">
        <h2 id="export-heading">{t('exportHeading')}</h2>
        {passphraseFirst ? (
          <p class="notice" data-testid="export-passphrase-first">
            {t('exportPassphraseFirst')}
          </p>
        ) : (
          <>
            {values.allowEncryptedBackup ? (
              <BackupExport loadAccounts={backupAccounts} passphraseSet={passphraseSet} />
            ) : (
              <p class="notice">{t('backupPolicyOff')}</p>
            )}
            {allowed && <PlainExport loadAccounts={secretAccounts} passphraseSet={passphraseSet} />}
            {allowed && <GoogleExport loadAccounts={secretAccounts} passphraseSet={passphraseSet} />}
            {!allowed && (
              <p class="notice">
                {t(managed.has('allowSecretExport') ? 'exportSecretsPolicyOff' : 'exportSecretsOff')}
              </p>
            )}
          </>
        )}
      </section>
      {typeof vaultState === 'object' && (
        <section id={LOCK} aria-labelledby="lock-heading">
          <h2 id="lock-heading">{t('lockHeading')}</h2>
          <PassphraseSettings
            openVault={openVault}
            passphraseSet={vaultState.passphraseSet}
            minLength={values.minPassphraseLength}
            required={values.requirePassphrase}
            eraseAllowed={values.allowErase}
            verify={verifyChange}
            keepSession={keepSession}
            onChanged={(passphraseSet) => {
              setShortPassphrase(false);
              setVaultState({ passphraseSet });
            }}
            focusNew={lockRequests}
          />
          <LockSettings settings={settings} set={setSetting} />
        </section>
      )}
      <WorkstationSettings settings={settings} set={setSetting} />
      <ClipboardSettings settings={settings} set={setSetting} />
      <SecretExportsSettings settings={settings} set={setSetting} />
      <ActivityLog />
    </main>
  );
}
