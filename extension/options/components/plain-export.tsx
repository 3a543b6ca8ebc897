import { useState } from 'preact/hooks';
import { otpauthList } from '../../backup';
import type { Account } from '../../otp';
import { t } from '../../popup/t';
import { datedName, downloadFile } from '../download-file';
import { WarnedAction } from './warned-action';

/** The unencrypted otpauth:// list, only after an explicit warning. */
export function PlainExport({ loadAccounts }: { readonly loadAccounts: () => Promise<readonly Account[]> }) {
  const [status, setStatus] = useState<string | null>(null);
  async function download() {
    const accounts = await loadAccounts().catch(() => undefined);
    if (accounts === undefined) return setStatus(t('exportFailed'));
    if (accounts.length === 0) return setStatus(t('exportNone'));
    downloadFile(datedName('authenticator-otpauth', 'txt'), otpauthList(accounts), 'text/plain');
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
      {status !== null && <p role="status">{status}</p>}
    </section>
  );
}
