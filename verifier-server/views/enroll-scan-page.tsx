import { pluralKey } from '../i18n/translator';
import { CodeInput } from './code-input';
import { CsrfField, FormAlert, type PageContext, PageLayout } from './page-layout';

interface Props {
  readonly page: PageContext;
  readonly name: string;
  /** PNG data URL of the otpauth URI. */
  readonly qrDataUrl: string;
  /** Base32 secret grouped by four, for manual entry. */
  readonly manualKey: string;
  /** How long the QR code is valid (the pending enrollment's lifetime), in minutes. */
  readonly validMinutes: number;
  /** The pending authenticator this page shows: the form names it, so a code for a replaced one is told apart. */
  readonly enrollment: string;
  readonly error?: string | undefined;
  /** The error is about the code typed (wrong, or not a code), not the QR code. */
  readonly codeInvalid?: boolean;
}

/**
 * The key in groups of four, each group unbreakable (app.css: `code.key span`), so a narrow screen
 * breaks lines only between groups. Between the groups are the same single spaces as before, so a
 * selected key copies as the text shown and a screen reader reads the same text; `notranslate` keeps
 * Chrome's page translation away from it.
 */
function ManualKey({ grouped }: { readonly grouped: string }) {
  const groups = grouped.split(' ');
  return (
    <code id="manual-key" class="key notranslate">
      {groups.map((group, i) => (
        <>
          {i > 0 ? ' ' : null}
          <span>{group}</span>
        </>
      ))}
    </code>
  );
}

export function EnrollScanPage({
  page,
  name,
  qrDataUrl,
  manualKey,
  validMinutes,
  enrollment,
  error,
  codeInvalid = false,
}: Props) {
  const { t, lang } = page;
  return (
    <PageLayout page={page} title={t('enroll.title')} path="/account/authenticators/new/step-2">
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">{t('enroll.title')}</h1>
        <div class="body">
          <FormAlert message={error} />
          <p>
            <strong>{t('enroll.step2', { name })}</strong>
          </p>
          <p>{t('enroll.scan')}</p>
          <p id="qr-valid-for">
            {t(pluralKey(lang, 'enroll.validFor', validMinutes), { minutes: validMinutes })}
          </p>
          <img
            id="qr-code"
            class="qr"
            src={qrDataUrl}
            alt={t('enroll.qrAlt', { name })}
            width={246}
            height={246}
          />
          <p>
            {t('enroll.manualKey')} <ManualKey grouped={manualKey} />
          </p>
          <form method="post" action="/account/authenticators/new/step-2">
            <CsrfField token={page.csrf} />
            <input type="hidden" name="enrollment" value={enrollment} />
            {/* After an error the focus is back in the field, which names the error. */}
            <CodeInput
              label={t('enroll.code')}
              autofocus={error !== undefined}
              describedBy={error !== undefined ? 'form-error code-hint' : 'code-hint'}
              invalid={codeInvalid}
            />
            {/* As at login: what to type, said with the field (found by an accessibility review). */}
            <p class="hint" id="code-hint">
              {t('mfa.codeHint')}
            </p>
            <div class="row">
              <button type="submit">{t('enroll.save')}</button>
              <a href="/account">{t('enroll.cancel')}</a>
            </div>
          </form>
        </div>
      </section>
    </PageLayout>
  );
}
