import type { OutboxMessage } from '../outbox/outbox-transport';
import { formatDate } from './format-date';
import { type PageContext, PageLayout } from './page-layout';

interface Props {
  readonly page: PageContext;
  readonly messages: readonly OutboxMessage[];
}

export function OutboxPage({ page, messages }: Props) {
  const { t, lang } = page;
  return (
    <PageLayout page={page} title={t('outbox.title')} path="/outbox">
      <section class="card" aria-labelledby="title">
        <h1 id="title">{t('outbox.title')}</h1>
        <div class="body">
          <p>{t('outbox.intro')}</p>
          {messages.length === 0 ? (
            <p>{t('outbox.empty')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('outbox.sentAt')}</th>
                  <th scope="col">{t('outbox.channel')}</th>
                  <th scope="col">{t('outbox.to')}</th>
                  <th scope="col">{t('outbox.subject')}</th>
                  <th scope="col">{t('outbox.body')}</th>
                </tr>
              </thead>
              <tbody>
                {messages.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <time dateTime={new Date(m.sentAt).toISOString()}>
                        {formatDate(m.sentAt / 1000, lang, { seconds: true })}
                      </time>
                    </td>
                    <td>{m.channel === 'email' ? 'e-mail' : 'SMS'}</td>
                    <td>{m.to}</td>
                    <td>{m.subject ?? '—'}</td>
                    <td>
                      <pre class="body">{m.body}</pre>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
    </PageLayout>
  );
}
