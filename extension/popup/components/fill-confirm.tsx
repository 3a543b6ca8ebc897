import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../t';

interface Props {
  /** The account's name, as the row shows it. */
  readonly name: string;
  /** The page the popup was opened on. */
  readonly site: string;
  /** The sites the account belongs to; empty when it has none yet. */
  readonly accountSites: readonly string[];
  readonly onConfirm: (rememberSite: boolean) => void;
  readonly onCancel: () => void;
}

const host = (origin: string) => {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
};

/**
 * Asks before a code goes into a page that is not one of the account's sites (SECURITY #35): a
 * phishing page can look exactly like the portal, but not have its address. Nothing is filled
 * until "Toch invullen"; the safe choice has the focus.
 */
export function FillConfirm({ name, site, accountSites, onConfirm, onCancel }: Props) {
  const [remember, setRemember] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const belongs =
    accountSites.length === 0
      ? t('fillConfirmNoSite', name)
      : t('fillConfirmOtherSite', name, accountSites.map(host).join(', '));
  return (
    <section
      class="fill-confirm"
      role="alertdialog"
      aria-labelledby="fill-confirm-title"
      aria-describedby="fill-confirm-text"
    >
      <h2 id="fill-confirm-title">{t('fillConfirmTitle')}</h2>
      <p id="fill-confirm-text">
        {belongs} {t('fillConfirmThisSite', host(site))}
      </p>
      {accountSites.length === 0 && (
        <label class="check">
          <input
            type="checkbox"
            name="remember-site"
            checked={remember}
            onChange={(e) => setRemember(e.currentTarget.checked)}
          />
          {t('fillRememberSite', host(site))}
        </label>
      )}
      <div class="row">
        <button
          type="button"
          class="button small danger"
          data-testid="fill-confirm"
          onClick={() => onConfirm(remember)}
        >
          {t('fillAnyway')}
        </button>
        <button ref={cancel} type="button" class="button small secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}
