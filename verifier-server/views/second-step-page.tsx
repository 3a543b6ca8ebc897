import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';

interface Props {
  readonly page: PageContext;
  readonly authenticators: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly selected?: string | undefined;
  readonly remember?: boolean;
  readonly error?: string | undefined;
}

/** The portal's second step: "Kies uw authenticator:", "Authenticator code:", remember, fallback, restart. */
export function SecondStepPage({ page, authenticators, selected, remember = false, error }: Props) {
  const { t } = page;
  return (
    <PageLayout page={page} title={t('login.title')} path="/login/code">
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">{t('login.title')}</h1>
        <div class="body">
          <FormAlert message={error} />
          <form method="post" action="/login/code">
            <CsrfField token={page.csrf} />
            <label for="authenticator">{t('mfa.chooseAuthenticator')}</label>
            <select id="authenticator" name="authenticator">
              {authenticators.map((a) => (
                <option key={a.id} value={a.id} selected={a.id === selected}>
                  {a.name}
                </option>
              ))}
            </select>
            <p class="hint">
              <a href="/login/fallback">{t('mfa.noAccess')}</a>
            </p>
            <label for="code">{t('mfa.code')}</label>
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
              aria-describedby={error ? 'form-error code-hint' : 'code-hint'}
            />
            <p class="hint" id="code-hint">
              {t('mfa.codeHint')}
            </p>
            <label class="check">
              <input type="checkbox" name="remember" value="1" checked={remember} />
              {t('mfa.remember')}
            </label>
            <div class="row split">
              <button type="submit">{t('mfa.submit')}</button>
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
