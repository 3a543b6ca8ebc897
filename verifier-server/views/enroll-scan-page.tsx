import { CodeInput } from './code-input';
import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';

interface Props {
  readonly page: PageContext;
  readonly name: string;
  /** PNG data URL of the otpauth URI. */
  readonly qrDataUrl: string;
  /** Base32 secret grouped by four, for manual entry. */
  readonly manualKey: string;
  /** The pending authenticator this page shows: the form names it, so a code for a replaced one is told apart. */
  readonly enrollment: string;
  readonly error?: string | undefined;
}

export function EnrollScanPage({ page, name, qrDataUrl, manualKey, enrollment, error }: Props) {
  const { t } = page;
  return (
    <PageLayout page={page} title={t('enroll.title')} path="/account/authenticators/new/step-2">
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">{t('enroll.title')}</h1>
        <div class="body">
          <FormAlert message={error} />
          <p>
            <strong>{t('enroll.step2', { name })}</strong>
          </p>
          <p>{t('enroll.scan')}</p>
          <img
            id="qr-code"
            class="qr"
            src={qrDataUrl}
            alt={t('enroll.qrAlt', { name })}
            width={246}
            height={246}
          />
          <p>
            {t('enroll.manualKey')}{' '}
            <code id="manual-key" class="key">
              {manualKey}
            </code>
          </p>
          <form method="post" action="/account/authenticators/new/step-2">
            <CsrfField token={page.csrf} />
            <input type="hidden" name="enrollment" value={enrollment} />
            <CodeInput label={t('enroll.code')} />
            <div class="row">
              <button type="submit">{t('enroll.save')}</button>
              <a href="/account">{t('enroll.cancel')}</a>
            </div>
          </form>
        </div>
      </section>
    </PageLayout>
  );
}
