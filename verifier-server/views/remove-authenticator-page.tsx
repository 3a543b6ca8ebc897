import { CsrfField, type PageContext, PageLayout } from './page-layout';

interface Props {
  readonly page: PageContext;
  readonly authenticator: { readonly id: string; readonly name: string };
}

export function RemoveAuthenticatorPage({ page, authenticator }: Props) {
  const { t } = page;
  const title = t('account.removeTitle', { name: authenticator.name });
  return (
    <PageLayout page={page} title={title} path={`/account/authenticators/${authenticator.id}/remove`}>
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">{title}</h1>
        <div class="body">
          <p>{t('account.removeText')}</p>
          <p>{t('account.removeSignsOut')}</p>
          <form method="post" action={`/account/authenticators/${authenticator.id}/remove`} class="row">
            <CsrfField token={page.csrf} />
            <button type="submit" class="danger">
              {t('account.remove')}
            </button>
            <a href="/account">{t('account.cancel')}</a>
          </form>
        </div>
      </section>
    </PageLayout>
  );
}
