import { useState } from 'preact/hooks';
import { otpauthList } from '../../backup';
import type { Account } from '../../otp';
import { t } from '../../popup/t';
import { datedName, downloadFile } from '../download-file';

/** The unencrypted otpauth:// list, only after an explicit warning. */
export function PlainExport({ loadAccounts }: { readonly loadAccounts: () => Promise<readonly Account[]> }) {
  const [warned, setWarned] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <section aria-labelledby="plain-heading" class="row-gap">
      <h3 id="plain-heading">{t('exportOtpauthHeading')}</h3>
      <p>{t('exportOtpauthIntro')}</p>
      <button
        type="button"
        class="button secondary"
        data-testid="export-otpauth"
        aria-expanded={warned}
        onClick={() => setWarned(!warned)}
      >
        {t('exportOtpauth')}
      </button>
      {warned && (
        <div class="confirm">
          <p class="notice error">{t('exportOtpauthWarning')}</p>
          <button
            type="button"
            class="button danger"
            data-testid="export-otpauth-confirm"
            onClick={async () => {
              setWarned(false);
              const accounts = await loadAccounts().catch(() => undefined);
              if (accounts === undefined) return setStatus(t('exportFailed'));
              if (accounts.length === 0) return setStatus(t('exportNone'));
              downloadFile(datedName('authenticator-otpauth', 'txt'), otpauthList(accounts), 'text/plain');
              setStatus(null);
            }}
          >
            {t('exportOtpauthConfirm')}
          </button>
        </div>
      )}
      {status !== null && <p role="status">{status}</p>}
    </section>
  );
}
