import { useState } from 'preact/hooks';
import { recordActivity } from '../../activity/record-activity';
import { otpauthList } from '../../backup';
import type { PassphraseRefusal } from '../../lock/confirm-current-passphrase';
import { t } from '../../popup/t';
import { datedName, downloadFile } from '../download-file';
import { exportFailureMessage } from '../export-failure-message';
import type { ExportAccounts } from '../load-export-accounts';
import type { ExportProps } from './export-props';
import { WarnedAction } from './warned-action';

/** The unencrypted otpauth:// list, only after an explicit warning (and the current passphrase). */
export function PlainExport({ loadAccounts, passphraseSet }: ExportProps) {
  const [status, setStatus] = useState<string | null>(null);
  async function download(passphrase: string): Promise<PassphraseRefusal | undefined> {
    let loaded: ExportAccounts;
    try {
      loaded = await loadAccounts(passphrase);
    } catch (error) {
      setStatus(t(exportFailureMessage(error)));
      return;
    }
    if (loaded.status !== 'confirmed') return loaded;
    const { accounts } = loaded;
    if (accounts.length === 0) return void setStatus(t('exportNone'));
    downloadFile(datedName('authenticator-otpauth', 'txt'), otpauthList(accounts), 'text/plain');
    void recordActivity({ kind: 'exported', what: 'plain', count: accounts.length });
    setStatus(null);
  }
  return (
    <section aria-labelledby="plain-heading" class="row-gap">
      <h3 id="plain-heading">{t('exportOtpauthHeading')}</h3>
      <p>{t('exportOtpauthIntro')}</p>
      <WarnedAction
        testId="export-otpauth"
        label={t('exportOtpauth')}
        warning={t('exportOtpauthWarning')}
        confirmLabel={t('exportOtpauthConfirm')}
        passphraseSet={passphraseSet}
        onConfirm={download}
      />
      {/* Always there, empty until it says something: a status that arrives with its text is said
          by no screen reader (found by an accessibility review). */}
      <p role="status">{status ?? ''}</p>
    </section>
  );
}
