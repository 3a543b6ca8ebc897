import { useCallback, useState } from 'preact/hooks';
import { recordActivity } from '../../activity/record-activity';
import { migrationBatches } from '../../backup';
import { qrSvgDataUrl } from '../../backup/qr-svg-data-url';
import { entryName } from '../../import/collect-entries';
import type { PassphraseRefusal } from '../../lock/confirm-current-passphrase';
import { useHideOnBlur } from '../../popup/hooks/use-hide-on-blur';
import { isolateList } from '../../popup/isolate-text';
import { t } from '../../popup/t';
import { exportFailureMessage } from '../export-failure-message';
import type { ExportProps } from './export-props';
import { WarnedAction } from './warned-action';

interface Shown {
  readonly images: readonly string[];
  readonly leftOut: readonly string[];
}

/** "All accounts to Google Authenticator": its migration QR codes, after a warning, hidden on blur. */
export function GoogleExport({ loadAccounts, passphraseSet }: ExportProps) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const hide = useCallback(() => setShown(null), []);
  useHideOnBlur(shown !== null, hide);

  async function show(passphrase: string): Promise<PassphraseRefusal | undefined> {
    try {
      const loaded = await loadAccounts(passphrase);
      if (loaded.status !== 'confirmed') return loaded;
      const { accounts } = loaded;
      if (accounts.length === 0) return void setStatus(t('exportNone'));
      const { uris, unsupported } = migrationBatches(accounts);
      setStatus(null);
      setShown({
        images: await Promise.all(uris.map(qrSvgDataUrl)),
        leftOut: unsupported.map((a) => entryName(a.issuer, a.label)),
      });
      const count = accounts.length - unsupported.length;
      if (count > 0) void recordActivity({ kind: 'exported', what: 'google', count });
    } catch (error) {
      setStatus(t(exportFailureMessage(error)));
    }
  }

  return (
    <section aria-labelledby="google-heading" class="row-gap">
      <h3 id="google-heading">{t('exportGoogleHeading')}</h3>
      <p>{t('exportGoogleIntro')}</p>
      <WarnedAction
        testId="export-google"
        label={t('exportGoogle')}
        warning={t('exportGoogleWarning')}
        confirmLabel={t('exportGoogleConfirm')}
        passphraseSet={passphraseSet}
        onConfirm={show}
      />
      {/* Always there, empty until it says something (see plain-export.tsx). */}
      <p role="status">{status ?? ''}</p>
      {shown !== null && (
        <>
          {shown.leftOut.length > 0 && (
            <p class="notice">{t('exportGoogleUnsupported', isolateList(shown.leftOut))}</p>
          )}
          <ol class="qr-codes">
            {shown.images.map((src, i) => (
              <li key={src}>
                <figure>
                  <img
                    data-testid="google-qr"
                    src={src}
                    alt={t('exportGoogleAlt', i + 1, shown.images.length)}
                  />
                  <figcaption>{t('exportGoogleCaption', i + 1, shown.images.length)}</figcaption>
                </figure>
              </li>
            ))}
          </ol>
          <button type="button" class="button secondary" onClick={hide}>
            {t('qrHide')}
          </button>
        </>
      )}
    </section>
  );
}
