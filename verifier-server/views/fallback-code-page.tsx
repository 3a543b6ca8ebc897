import { CodeInput } from './code-input';
import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';
import { RestartButton, RestartForm } from './restart-login';

interface Props {
  readonly page: PageContext;
  readonly sentTo: string;
  /** This requester may read the development outbox: say that the code is there. */
  readonly outboxLink: boolean;
  readonly error?: string | undefined;
  /** The error is about the code typed (wrong, or not a code). */
  readonly codeInvalid?: boolean;
}

export function FallbackCodePage({ page, sentTo, outboxLink, error, codeInvalid = false }: Props) {
  const { t } = page;
  return (
    <PageLayout page={page} title={t('fallback.title')} path="/login/fallback/code">
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">{t('fallback.title')}</h1>
        <div class="body">
          <FormAlert message={error} />
          <p>{t('fallback.sent', { address: sentTo })}</p>
          {outboxLink && (
            <p class="hint" id="dev-outbox">
              {t('fallback.devOutbox')} <a href="/outbox">{t('fallback.devOutboxLink')}</a>
            </p>
          )}
          <form method="post" action="/login/fallback/code">
            <CsrfField token={page.csrf} />
            <CodeInput
              label={t('fallback.code')}
              autofocus
              describedBy={error !== undefined ? 'form-error' : undefined}
              invalid={codeInvalid}
            />
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
