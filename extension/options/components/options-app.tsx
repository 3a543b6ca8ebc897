import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { Account } from '../../otp';
import { t } from '../../popup/t';
import { secretExportsAllowed, setSecretExportsAllowed } from '../../settings/secret-exports';
import type { Vault } from '../../vault';
import { BackupExport } from './backup-export';
import { GoogleExport } from './google-export';
import { ImportSection } from './import-section';
import { PlainExport } from './plain-export';

export interface OptionsAppProps {
  /** Opens the vault; each import or export opens it for that step and closes it again. */
  readonly openVault: () => Promise<Vault>;
}

/** The options page: "Importeren en exporteren". */
export function OptionsApp({ openVault }: OptionsAppProps) {
  const [allowed, setAllowed] = useState<boolean | null>(null);

  useLayoutEffect(() => {
    document.documentElement.lang = t('htmlLang');
    document.title = t('openOptions');
  }, []);
  useEffect(() => {
    secretExportsAllowed().then(setAllowed, () => setAllowed(false));
  }, []);

  const loadAccounts = useCallback(async (): Promise<readonly Account[]> => {
    const vault = await openVault();
    try {
      return (await vault.list()).accounts;
    } finally {
      vault.close();
    }
  }, [openVault]);

  return (
    <main class="options">
      <h1>{t('openOptions')}</h1>
      <ImportSection openVault={openVault} />
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{t('exportHeading')}</h2>
        <BackupExport loadAccounts={loadAccounts} />
        {allowed === true && <PlainExport loadAccounts={loadAccounts} />}
        {allowed === true && <GoogleExport loadAccounts={loadAccounts} />}
        {allowed === false && <p class="notice">{t('exportSecretsOff')}</p>}
      </section>
      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('settingsHeading')}</h2>
        <div class="field">
          <label>
            <input
              type="checkbox"
              name="allow-secret-exports"
              checked={allowed === true}
              disabled={allowed === null}
              aria-describedby="secret-exports-hint"
              onChange={(event) => {
                const next = event.currentTarget.checked;
                setAllowed(next);
                void setSecretExportsAllowed(next);
              }}
            />{' '}
            {t('settingSecretExports')}
          </label>
          <p id="secret-exports-hint" class="field-hint">
            {t('settingSecretExportsHint')}
          </p>
        </div>
      </section>
    </main>
  );
}
