import { MAX_AUTHENTICATOR_NAME } from '../account/validate-authenticator-name';
import { FLASH_ID } from '../http/flash';
import type { Authenticator, UserWithOrganisation } from '../store/store';
import { formatDate } from './format-date';
import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';

interface Props {
  readonly page: PageContext;
  readonly user: UserWithOrganisation;
  readonly authenticators: readonly Authenticator[];
  /** What the user typed in the mobile field, when it was refused. */
  readonly mobileInput?: string | undefined;
  /** Why the mobile number was refused: the field is marked and focused. */
  readonly error?: string | undefined;
  /**
   * `mobileInput` is the number typed before "Bevestig uw wachtwoord", not saved yet: the field
   * is focused and says so, or staff would take the number shown for the one stored.
   */
  readonly mobileDraft?: boolean | undefined;
}

/** The rename field of an authenticator: a refused rename's flash names it (authenticator-routes). */
export const renameFieldId = (id: string) => `rename-${id}`;

/** "Mijn gegevens", laid out as in the portal manual. */
export function AccountPage({ page, user, authenticators, mobileInput, error, mobileDraft = false }: Props) {
  const { t, lang } = page;
  // A refused rename (a flash across the redirect): that row's rename is open again, with what
  // was typed, focused and marked.
  const refused = page.notice?.kind === 'error' ? page.notice.field : undefined;
  return (
    <PageLayout page={page} title={t('account.title')} path="/account">
      <section class="card" aria-labelledby="title">
        <h1 id="title">{t('account.title')}</h1>
        <div class="body">
          <FormAlert message={error} />
          <dl class="details">
            <dt>{t('account.username')}</dt>
            <dd id="username">{user.username}</dd>
            <dt>{t('account.email')}</dt>
            <dd>{user.email}</dd>
            <dt>{t('account.organisation')}</dt>
            <dd>{user.organisationName}</dd>
            <dt>{t('account.password')}</dt>
            <dd>
              <a href="/account/password">{t('account.changePassword')}</a>
            </dd>
          </dl>
          <form method="post" action="/account/mobile" class="inline-form">
            <CsrfField token={page.csrf} />
            <div>
              <label for="mobile">{t('account.mobile')}</label>
              <input
                id="mobile"
                name="mobile"
                type="tel"
                autocomplete="tel"
                maxLength={40}
                value={mobileInput ?? user.mobile ?? '+31 '}
                autofocus={error !== undefined || mobileDraft}
                aria-invalid={error !== undefined ? 'true' : undefined}
                aria-describedby={
                  error !== undefined ? 'form-error' : mobileDraft ? 'mobile-draft' : undefined
                }
              />
              {mobileDraft && error === undefined && (
                <p class="hint" id="mobile-draft">
                  {t('account.mobileDraft')}
                </p>
              )}
            </div>
            <button type="submit">{t('account.save')}</button>
          </form>
        </div>
      </section>
      <section class="card" aria-labelledby="twofactor">
        <h2 id="twofactor">{t('account.twoFactorTitle')}</h2>
        <div class="body">
          <p>
            {t('account.twoFactorText')} {t('account.twoFactorHow')}
          </p>
          {user.requireTwoFactor && <p>{t('account.twoFactorRequired')}</p>}
          <h3 id="authenticators-heading">{t('account.authenticators')}</h3>
          {authenticators.length === 0 ? (
            <p>{t('account.noAuthenticators')}</p>
          ) : (
            // Focusable: a region that scrolls must be reachable by keyboard (WCAG 2.1.1).
            <section class="table-scroll" aria-labelledby="authenticators-heading" tabindex={0}>
              <table aria-labelledby="authenticators-heading">
                <thead>
                  <tr>
                    <th scope="col">{t('account.colName')}</th>
                    <th scope="col">{t('account.colAdded')}</th>
                    <th scope="col">{t('account.colLastUsed')}</th>
                    <th scope="col">{t('account.colActions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {authenticators.map((a) => {
                    const fieldId = renameFieldId(a.id);
                    const retry = refused?.id === fieldId ? refused : undefined;
                    return (
                      <tr key={a.id} data-authenticator-id={a.id}>
                        <td class="authenticator-name">{a.name}</td>
                        <td>{formatDate(a.createdAt, lang)}</td>
                        <td>{a.lastUsedAt === null ? t('account.never') : formatDate(a.lastUsedAt, lang)}</td>
                        <td>
                          <details open={retry !== undefined}>
                            <summary aria-label={t('account.renameNamed', { name: a.name })}>
                              {t('account.rename')}
                            </summary>
                            <form
                              method="post"
                              action={`/account/authenticators/${a.id}/rename`}
                              class="inline-form"
                            >
                              <CsrfField token={page.csrf} />
                              <div>
                                <label for={fieldId}>{t('account.renameLabel', { name: a.name })}</label>
                                <input
                                  id={fieldId}
                                  name="name"
                                  type="text"
                                  maxLength={MAX_AUTHENTICATOR_NAME}
                                  required
                                  value={retry?.value ?? a.name}
                                  autofocus={retry !== undefined}
                                  aria-invalid={retry !== undefined ? 'true' : undefined}
                                  aria-describedby={retry !== undefined ? FLASH_ID : undefined}
                                />
                              </div>
                              <button type="submit">{t('account.save')}</button>
                            </form>
                          </details>
                          <a
                            href={`/account/authenticators/${a.id}/remove`}
                            aria-label={t('account.removeNamed', { name: a.name })}
                          >
                            {t('account.remove')}
                          </a>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          )}
          <div class="row">
            <a class="button" href="/account/authenticators/new" id="add-authenticator">
              {t('account.addAuthenticator')}
            </a>
          </div>
          <form method="post" action="/account/forget-browsers" class="row">
            <CsrfField token={page.csrf} />
            <button type="submit" class="secondary">
              {t('account.forgetBrowsers')}
            </button>
            <span class="hint">{t('account.forgetBrowsersText')}</span>
          </form>
        </div>
      </section>
    </PageLayout>
  );
}
