import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';

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
            <label for="code">{t('fallback.code')}</label>
            <input
              id="code"
              name="code"
              class="code"
              type="text"
              inputMode="numeric"
              autocomplete="one-time-code"
              pattern="[0-9 ]*"
              maxLength={10}
              required
              autofocus
            />
            <div class="row split">
              <button type="submit">{t('fallback.submit')}</button>
              <a href="/login/fallback">{t('fallback.resend')}</a>
              <button type="submit" class="link" form="restart">
                {t('mfa.restart')}
              </button>
            </div>
          </form>
          <form id="restart" method="post" action="/login/restart">
            <CsrfField token={page.csrf} />
          </form>
        </div>
      </section>
    </PageLayout>
  );
}
