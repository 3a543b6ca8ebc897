import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';

interface Props {
  readonly page: PageContext;
  readonly username?: string;
  readonly error?: string;
}

export function LoginPage({ page, username = '', error }: Props) {
  const { t } = page;
  return (
    <PageLayout page={page} title={t('login.title')} path="/login">
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">{t('login.title')}</h1>
        <div class="body">
          <FormAlert message={error} />
          <form method="post" action="/login">
            <CsrfField token={page.csrf} />
            <label for="username">{t('login.username')}</label>
            <input
              id="username"
              name="username"
              type="text"
              autocomplete="username"
              required
              maxLength={100}
              value={username}
              autofocus={username === ''}
            />
            <label for="password">{t('login.password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              maxLength={256}
              autofocus={username !== ''}
            />
            <div class="row">
              <button type="submit">{t('login.submit')}</button>
            </div>
          </form>
        </div>
      </section>
    </PageLayout>
  );
}
