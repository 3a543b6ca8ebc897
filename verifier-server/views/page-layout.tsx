import type { ComponentChildren } from 'preact';
import { FLASH_ID, type FlashMessage } from '../http/flash';
import type { Language, Translate } from '../i18n/translator';

export interface PageContext {
  readonly t: Translate;
  readonly lang: Language;
  /** CSRF token for the forms on the page (the header's logout form too). */
  readonly csrf: string;
  /** The logged-in user's name, for the user menu; absent before login. */
  readonly username?: string | undefined;
  /** A one-time message carried across a redirect ("… is toegevoegd"). */
  readonly notice?: FlashMessage | undefined;
  /** The demo account (demo/demo) exists: say on every page that this portal is for testing. */
  readonly demo?: boolean | undefined;
}

interface Props {
  readonly page: PageContext;
  readonly title: string;
  /** The path of this page, for the language switch link. */
  readonly path: string;
  readonly children: ComponentChildren;
}

export function PageLayout({ page, title, path, children }: Props) {
  const { t, lang, csrf, username, notice, demo } = page;
  const other = lang === 'nl' ? 'en' : 'nl';
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <script src="/static/portal.js" defer />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('app.skipToContent')}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {t('app.name')}
          </a>
          <a href={`${path}?lang=${other}`} hreflang={other} lang={other}>
            {t('menu.otherLanguage')}
          </a>
          {username !== undefined && (
            <details class="menu">
              <summary aria-label={t('menu.userMenu', { username })}>{username}</summary>
              <div class="items">
                <a href="/account">{t('menu.account')}</a>
                <form method="post" action="/logout">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit">{t('menu.logout')}</button>
                </form>
              </div>
            </details>
          )}
        </header>
        <main id="main">
          {demo === true && (
            <p class="demo-notice" id="demo-notice">
              {t('app.demoNotice')}
            </p>
          )}
          {notice !== undefined && (
            <p
              // Named by the field it is about (aria-describedby), when it is about one.
              id={notice.field !== undefined ? FLASH_ID : undefined}
              class={notice.kind === 'error' ? 'alert' : 'notice'}
              role={notice.kind === 'error' ? 'alert' : 'status'}
            >
              {notice.text}
            </p>
          )}
          {children}
        </main>
        <footer>{t('app.tagline')}</footer>
      </body>
    </html>
  );
}

/** An error for the whole form, announced by screen readers. */
export function FormAlert({ message }: { readonly message: string | undefined }) {
  return message === undefined ? null : (
    <p class="alert" role="alert" id="form-error">
      {message}
    </p>
  );
}

export function CsrfField({ token }: { readonly token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
