import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';

interface Props {
  readonly page: PageContext;
  readonly minLength: number;
  readonly error?: string | undefined;
}

export function ChangePasswordPage({ page, minLength, error }: Props) {
  const { t } = page;
  return (
    <PageLayout page={page} title={t('password.title')} path="/account/password">
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">{t('password.title')}</h1>
        <div class="body">
          <FormAlert message={error} />
          <form method="post" action="/account/password">
            <CsrfField token={page.csrf} />
            <label for="current">{t('password.current')}</label>
            <input
              id="current"
              name="current"
              type="password"
              autocomplete="current-password"
              required
              autofocus
            />
            <label for="new">{t('password.new')}</label>
            <input
              id="new"
              name="new"
              type="password"
              autocomplete="new-password"
              required
              minLength={minLength}
              aria-describedby="new-hint"
            />
            <p class="hint" id="new-hint">
              {t('password.hint', { min: minLength })}
            </p>
            <label for="confirm">{t('password.confirm')}</label>
            <input id="confirm" name="confirm" type="password" autocomplete="new-password" required />
            <div class="row">
              <button type="submit">{t('password.submit')}</button>
              <a href="/account">{t('account.cancel')}</a>
            </div>
          </form>
        </div>
      </section>
    </PageLayout>
  );
}
