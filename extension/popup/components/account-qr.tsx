import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Account } from '../../otp';
import { useHideOnBlur } from '../hooks/use-hide-on-blur';
import { isolateText } from '../isolate-text';
import { t } from '../t';
import { QrShowRequest } from './lazy-panels';

interface AccountQrProps {
  readonly account: Account;
  readonly name: string;
  readonly onClose: () => void;
}

/**
 * "QR-code tonen voor een telefoon": a warning first (focus on Cancel, as for deleting), with the vault's
 * passphrase when it has one, then the QR code, which disappears when the popup loses focus. What
 * "QR-code tonen" does (the passphrase, the QR code module, the refusals) is loaded only now.
 */
export function AccountQr({ account, name, onClose }: AccountQrProps) {
  const [src, setSrc] = useState<string | null>(null);
  // Each click on "QR-code tonen", for QrShowRequest to act on (one made before it loaded too).
  const [asked, setAsked] = useState(0);
  const cancel = useRef<HTMLButtonElement>(null);
  // On Cancel first, then on "Verbergen" once the code shows (a mouse click leaves the focus on the
  // gone confirm button: Escape would not reach the code).
  useEffect(() => cancel.current?.focus(), [src]);
  const hide = useCallback(() => {
    setSrc(null);
    onClose();
  }, [onClose]);
  useHideOnBlur(src !== null, hide);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') hide();
  };

  if (src !== null) {
    return (
      <figure class="account-qr" data-testid="account-qr">
        <img src={src} alt={t('qrAlt', isolateText(name))} width={220} height={220} />
        <figcaption>{t('qrHiddenOnBlur')}</figcaption>
        <button
          ref={cancel}
          type="button"
          class="button small secondary"
          onClick={hide}
          onKeyDown={onKeyDown}
        >
          {t('qrHide')}
        </button>
      </figure>
    );
  }
  return (
    <fieldset class="confirm">
      <legend>{t('showQrWarning', isolateText(name))}</legend>
      <QrShowRequest account={account} asked={asked} onShown={setSrc} onKeyDown={onKeyDown} />
      <button
        type="button"
        class="button small danger"
        data-testid="show-qr-confirm"
        onKeyDown={onKeyDown}
        onClick={() => setAsked(asked + 1)}
      >
        {t('showQrConfirm')}
      </button>
      <button ref={cancel} type="button" class="button small secondary" onClick={hide} onKeyDown={onKeyDown}>
        {t('cancel')}
      </button>
    </fieldset>
  );
}
