import { useState } from 'preact/hooks';
import { recordActivity } from '../../activity/record-activity';
import { otpauthList } from '../../backup';
import type { Account } from '../../otp';
import { t } from '../../popup/t';
import { datedName, downloadFile } from '../download-file';
import { exportFailureMessage } from '../export-failure-message';
import { WarnedAction } from './warned-action';

/** The unencrypted otpauth:// list, only after an explicit warning. */
export function PlainExport({ loadAccounts }: { readonly loadAccounts: () => Promise<readonly Account[]> }) {
  const [status, setStatus] = useState<string | null>(null);
  async function download() {
    let accounts: readonly Account[];
    try {
      accounts = await loadAccounts();
    } catch (error) {
      return setStatus(t(exportFailureMessage(error)));
    }
    if (accounts.length === 0) return setStatus(t('exportNone'));
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
        onConfirm={() => void download()}
      />
      {/* Always there, empty until it says something: a status that arrives with its text is said
          by no screen reader (found by an accessibility review). */}
      <p role="status">{status ?? ''}</p>
    </section>
  );
}
