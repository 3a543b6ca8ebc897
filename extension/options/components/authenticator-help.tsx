import { t } from '../../popup/t';

/** How to make a backup file in the Authenticator extension, the app most practices come from. */
export function AuthenticatorHelp() {
  return (
    <details>
      <summary>{t('importHelpSummary')}</summary>
      <ol>
        <li>{t('importHelpStep1')}</li>
        <li>{t('importHelpStep2')}</li>
        <li>{t('importHelpStep3')}</li>
        <li>{t('importHelpStep4')}</li>
      </ol>
    </details>
  );
}
