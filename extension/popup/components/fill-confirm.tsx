import { useEffect, useRef, useState } from 'preact/hooks';
import { originHost } from '../../otp/site-origin';
import { isolateList, isolateText } from '../isolate-text';
import { t } from '../t';

interface Props {
  /** The account's name, as the row shows it. */
  readonly name: string;
  /** The page the popup was opened on. */
  readonly site: string;
  /** The sites the account belongs to; empty when it has none yet. */
  readonly accountSites: readonly string[];
  /**
   * The policy fillOnlyOnAccountSites refused the page (the worker said so): a message instead of
   * the question, with no way to fill or to remember the site.
   */
  readonly onlyAccountSites?: boolean;
  readonly onConfirm: (rememberSite: boolean) => void;
  readonly onCancel: () => void;
}

/**
 * How the sites are named: by host, which people read, unless that would hide the difference:
 * a page that is not https, or one whose host is the account's with only the scheme changed
 * (http://portaal… for https://portaal…, as a network attacker would serve it). Then in full.
 */
function siteNames(site: string, accountSites: readonly string[]): (origin: string) => string {
  const plain = (origin: string) => !origin.startsWith('https://');
  const full =
    plain(site) || accountSites.some(plain) || accountSites.some((s) => originHost(s) === originHost(site));
  return full ? (origin) => origin : originHost;
}

/**
 * Asks before a code goes into a page that is not one of the account's sites (SECURITY #35): a
 * phishing page can look exactly like the portal, but not have its address. Nothing is filled
 * until "Toch invullen"; the safe choice has the focus. Under the policy fillOnlyOnAccountSites it
 * only says why nothing is filled (copying stays possible).
 */
export function FillConfirm({ name, site, accountSites, onlyAccountSites, onConfirm, onCancel }: Props) {
  const [remember, setRemember] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const shownAs = siteNames(site, accountSites);
  // The account's name and every site each in their own isolate: a right-to-left name cannot move
  // the words or the sites around it, the very thing this question asks the user to read.
  const named = (origin: string) => isolateText(shownAs(origin));
  const belongs =
    accountSites.length === 0
      ? t('fillConfirmNoSite', isolateText(name))
      : t('fillConfirmOtherSite', isolateText(name), isolateList(accountSites.map(shownAs)));
  return (
    <section
      class="fill-confirm"
      // The question appears above the list and moves it down: the second click of a double click
      // on a fill button can land anywhere in it ("Toch invullen", or the label that ticks
      // "remember this site"). A click the browser counts as a second one does nothing here.
      onClickCapture={(event) => {
        if (event.detail < 2) return;
        event.preventDefault();
        event.stopPropagation();
      }}
      role="alertdialog"
      aria-labelledby="fill-confirm-title"
      aria-describedby="fill-confirm-text"
    >
      <h2 id="fill-confirm-title">
        {t(onlyAccountSites ? 'fillOnlyAccountSitesTitle' : 'fillConfirmTitle')}
      </h2>
      <p id="fill-confirm-text" data-testid={onlyAccountSites ? 'fill-only-account-sites' : undefined}>
        {belongs} {t(onlyAccountSites ? 'fillOnlyAccountSites' : 'fillConfirmThisSite', named(site))}
      </p>
      {!onlyAccountSites && !site.startsWith('https://') && (
        <p class="field-error" role="note">
          {t('fillInsecurePage')}
        </p>
      )}
      {!onlyAccountSites && accountSites.length === 0 && (
        <label class="check">
          <input
            type="checkbox"
            name="remember-site"
            checked={remember}
            onChange={(e) => setRemember(e.currentTarget.checked)}
          />
          {t('fillRememberSite', named(site))}
        </label>
      )}
      <div class="row">
        {!onlyAccountSites && (
          <button
            type="button"
            class="button small danger"
            data-testid="fill-confirm"
            onClick={() => onConfirm(remember)}
          >
            {t('fillAnyway')}
          </button>
        )}
        <button ref={cancel} type="button" class="button small secondary" onClick={onCancel}>
          {t(onlyAccountSites ? 'close' : 'cancel')}
        </button>
      </div>
    </section>
  );
}
