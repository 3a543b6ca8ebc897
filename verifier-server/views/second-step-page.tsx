import { CodeInput } from './code-input';
import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';
import { RestartButton, RestartForm } from './restart-login';

interface Props {
  readonly page: PageContext;
  readonly authenticators: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly selected?: string | undefined;
  readonly remember?: boolean;
  readonly error?: string | undefined;
  /** The error is about the code typed (wrong, or not a code). */
  readonly codeInvalid?: boolean | undefined;
}

/** The portal's second step: "Kies uw authenticator:", "Authenticator code:", remember, fallback, restart. */
export function SecondStepPage({
  page,
  authenticators,
  selected,
  remember = false,
  error,
  codeInvalid = false,
}: Props) {
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
            <CodeInput
              label={t('mfa.code')}
              autofocus
              describedBy={error ? 'form-error code-hint' : 'code-hint'}
              invalid={codeInvalid}
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
              <RestartButton label={t('mfa.restart')} />
            </div>
          </form>
          <RestartForm csrf={page.csrf} />
        </div>
      </section>
    </PageLayout>
  );
}
