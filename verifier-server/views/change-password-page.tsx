import { MAX_PASSWORD_FIELD } from '../account/password-policy';
import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';

/** The field a refusal is about: the current password (wrong, or a wait), or a new one. */
export type PasswordField = 'current' | 'new' | 'confirm';

export interface PasswordRefusal {
  readonly text: string;
  readonly field: PasswordField;
  /** What was typed there was checked and refused (not a wait, where nothing was checked). */
  readonly invalid: boolean;
}

interface Props {
  readonly page: PageContext;
  readonly minLength: number;
  readonly error?: PasswordRefusal | undefined;
}

export function ChangePasswordPage({ page, minLength, error }: Props) {
  const { t } = page;
  // Passwords are never sent back, so after a refusal every field is empty again and the form
  // starts at the current password, which names the message (read out with it); the field the
  // refusal is about is marked and names it too.
  const at = (field: PasswordField, hint?: string) => {
    const about = error?.field === field;
    const named = about || (error !== undefined && field === 'current');
    const describedBy = [named ? 'form-error' : undefined, hint].filter((id) => id !== undefined).join(' ');
    return {
      autofocus: field === 'current',
      'aria-invalid': about && error?.invalid ? ('true' as const) : undefined,
      'aria-describedby': describedBy === '' ? undefined : describedBy,
    };
  };
  return (
    <PageLayout page={page} title={t('password.title')} path="/account/password">
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">{t('password.title')}</h1>
        <div class="body">
          <FormAlert message={error?.text} />
          <form method="post" action="/account/password">
            <CsrfField token={page.csrf} />
            <label for="current">{t('password.current')}</label>
            <input
              id="current"
              name="current"
              type="password"
              autocomplete="current-password"
              maxLength={MAX_PASSWORD_FIELD}
              required
              {...at('current')}
            />
            <label for="new">{t('password.new')}</label>
            <input
              id="new"
              name="new"
              type="password"
              autocomplete="new-password"
              maxLength={MAX_PASSWORD_FIELD}
              required
              minLength={minLength}
              {...at('new', 'new-hint')}
            />
            <p class="hint" id="new-hint">
              {t('password.hint', { min: minLength })}
            </p>
            <label for="confirm">{t('password.confirm')}</label>
            <input
              id="confirm"
              name="confirm"
              type="password"
              autocomplete="new-password"
              maxLength={MAX_PASSWORD_FIELD}
              required
              {...at('confirm')}
            />
            <div class="row">
              <button type="submit">{t('password.submit')}</button>
              <a href="/account">{t('account.cancel')}</a>
            </div>
          </form>
        </div>
      </section>
    </PageLayout>
  );
}
