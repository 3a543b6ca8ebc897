import { MAX_PASSWORD_FIELD } from '../account/password-policy';
import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';

interface Props {
  readonly page: PageContext;
  readonly username?: string;
  readonly error?: string;
  /** The username and password were refused (not a wait): both fields are marked. */
  readonly invalid?: boolean;
}

export function LoginPage({ page, username = '', error, invalid = false }: Props) {
  const { t } = page;
  // After an error, each field names it (the focused one is read out with it).
  const describedBy = error !== undefined ? 'form-error' : undefined;
  const ariaInvalid = invalid ? 'true' : undefined;
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
              aria-describedby={describedBy}
              aria-invalid={ariaInvalid}
            />
            <label for="password">{t('login.password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              maxLength={MAX_PASSWORD_FIELD}
              autofocus={username !== ''}
              aria-describedby={describedBy}
              aria-invalid={ariaInvalid}
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
