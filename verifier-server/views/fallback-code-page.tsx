import { CodeInput } from './code-input';
import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';
import { RestartButton, RestartForm } from './restart-login';

interface Props {
  readonly page: PageContext;
  readonly sentTo: string;
  readonly error?: string | undefined;
}

export function FallbackCodePage({ page, sentTo, error }: Props) {
  const { t } = page;
  return (
    <PageLayout page={page} title={t('fallback.title')} path="/login/fallback/code">
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">{t('fallback.title')}</h1>
        <div class="body">
          <FormAlert message={error} />
          <p>{t('fallback.sent', { address: sentTo })}</p>
          <form method="post" action="/login/fallback/code">
            <CsrfField token={page.csrf} />
            <CodeInput label={t('fallback.code')} autofocus />
            <div class="row split">
              <button type="submit">{t('fallback.submit')}</button>
              <a href="/login/fallback">{t('fallback.resend')}</a>
              <RestartButton label={t('mfa.restart')} />
            </div>
          </form>
          <RestartForm csrf={page.csrf} />
        </div>
      </section>
    </PageLayout>
  );
}
