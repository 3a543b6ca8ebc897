import { MAX_AUTHENTICATOR_NAME } from '../account/validate-authenticator-name';
import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';

interface Props {
  readonly page: PageContext;
  /** What the field shows: the name just sent, or the one kept from an earlier step 1 of this session. */
  readonly name?: string | undefined;
  readonly error?: string | undefined;
}

export function EnrollNamePage({ page, name = '', error }: Props) {
  const { t } = page;
  return (
    <PageLayout page={page} title={t('enroll.title')} path="/account/authenticators/new">
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">{t('enroll.title')}</h1>
        <div class="body">
          <FormAlert message={error} />
          <p>{t('enroll.step1')}</p>
          <form method="post" action="/account/authenticators/new">
            <CsrfField token={page.csrf} />
            <label for="name">{t('enroll.name')}</label>
            <input
              id="name"
              name="name"
              type="text"
              maxLength={MAX_AUTHENTICATOR_NAME}
              required
              autofocus
              value={name}
              aria-describedby={error !== undefined ? 'form-error name-hint' : 'name-hint'}
              aria-invalid={error !== undefined ? 'true' : undefined}
            />
            <p class="hint" id="name-hint">
              {t('enroll.nameHint')}
            </p>
            <div class="row">
              <button type="submit">{t('enroll.next')}</button>
              <a href="/account">{t('enroll.cancel')}</a>
            </div>
          </form>
        </div>
      </section>
    </PageLayout>
  );
}
