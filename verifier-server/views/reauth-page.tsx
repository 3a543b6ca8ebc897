import { MAX_PASSWORD_FIELD } from '../account/password-policy';
import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';

/** The steps of "Voeg authenticator toe": the page says what the password is asked for. */
const ENROLL = /^\/account\/authenticators\/new(\/step-2)?$/;

interface Props {
  readonly page: PageContext;
  /** Where to go after confirming; already validated as a local path. */
  readonly next: string;
  readonly error?: string | undefined;
}

export function ReauthPage({ page, next, error }: Props) {
  const { t } = page;
  return (
    <PageLayout page={page} title={t('reauth.title')} path="/account/reauth">
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">{t('reauth.title')}</h1>
        <div class="body">
          <FormAlert message={error} />
          <p>{t(ENROLL.test(next) ? 'reauth.textEnroll' : 'reauth.text')}</p>
          <form method="post" action="/account/reauth">
            <CsrfField token={page.csrf} />
            <input type="hidden" name="next" value={next} />
            <label for="password">{t('login.password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              maxLength={MAX_PASSWORD_FIELD}
              required
              autofocus
            />
            <div class="row">
              <button type="submit">{t('reauth.submit')}</button>
              <a href="/account">{t('account.cancel')}</a>
            </div>
          </form>
        </div>
      </section>
    </PageLayout>
  );
}
