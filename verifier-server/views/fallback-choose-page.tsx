import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';
import { RestartButton, RestartForm } from './restart-login';

interface Props {
  readonly page: PageContext;
  readonly maskedEmail: string;
  readonly maskedMobile: string | null;
  readonly error?: string | undefined;
  /** True when the user also has authenticators (then a way back is offered). */
  readonly canUseAuthenticator: boolean;
  /** True when a code sent in this login attempt is still valid (then a way to its form is offered). */
  readonly codePending: boolean;
  /** The send cap is reached: why and until when. No code can be sent, so none is offered. */
  readonly capped?: string | undefined;
}

export function FallbackChoosePage({
  page,
  maskedEmail,
  maskedMobile,
  error,
  canUseAuthenticator,
  codePending,
  capped,
}: Props) {
  const { t } = page;
  const otherWays = (
    <>
      {canUseAuthenticator && <a href="/login/code">{t('fallback.useAuthenticator')}</a>}
      <RestartButton label={t('mfa.restart')} />
    </>
  );
  return (
    <PageLayout page={page} title={t('fallback.title')} path="/login/fallback">
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">{t('fallback.title')}</h1>
        <div class="body">
          <FormAlert message={error} />
          {capped !== undefined && capped !== error && (
            <p class="warning" id="send-capped">
              {capped}
            </p>
          )}
          <p>{t(canUseAuthenticator ? 'fallback.intro' : 'fallback.introNoAuthenticator')}</p>
          {codePending && (
            <p>
              <a href="/login/fallback/code">{t('fallback.haveCode')}</a>
            </p>
          )}
          {capped === undefined ? (
            <form method="post" action="/login/fallback">
              <CsrfField token={page.csrf} />
              <fieldset>
                <legend>{t('fallback.channel')}</legend>
                <label class="check">
                  <input type="radio" name="channel" value="email" checked />
                  {t('fallback.email', { address: maskedEmail })}
                </label>
                {maskedMobile === null ? (
                  <p class="hint">{t('fallback.noMobile')}</p>
                ) : (
                  <label class="check">
                    <input type="radio" name="channel" value="sms" />
                    {t('fallback.sms', { number: maskedMobile })}
                  </label>
                )}
              </fieldset>
              <div class="row split">
                <button type="submit">{t('fallback.send')}</button>
                {otherWays}
              </div>
            </form>
          ) : (
            <div class="row split">{otherWays}</div>
          )}
          <RestartForm csrf={page.csrf} />
        </div>
      </section>
    </PageLayout>
  );
}
