import { type PageContext, PageLayout } from './page-layout';

interface Props {
  readonly page: PageContext;
  readonly message: string;
}

export function ErrorPage({ page, message }: Props) {
  const { t } = page;
  return (
    <PageLayout page={page} title={t('error.title')} path="/">
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">{t('error.title')}</h1>
        <div class="body">
          <p class="alert" role="alert">
            {message}
          </p>
          <a href="/">{t('error.backHome')}</a>
        </div>
      </section>
    </PageLayout>
  );
}
