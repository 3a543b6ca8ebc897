import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Account } from '../../otp';
import { PolicyRefusedError } from '../../settings/policy-refused-error';
import { useHideOnBlur } from '../hooks/use-hide-on-blur';
import { isolateText } from '../isolate-text';
import { type MessageKey, t } from '../t';

/** Why no QR code is shown: the setting that refused it at the click, or a failure. */
function qrRefusalMessage(error: unknown): MessageKey {
  if (!(error instanceof PolicyRefusedError)) return 'exportFailed';
  if (error.setting === 'requirePassphrase') return 'qrPassphraseRequired';
  return error.managed ? 'exportSecretsPolicyOff' : 'qrSecretsOff';
}

interface AccountQrProps {
  readonly account: Account;
  readonly name: string;
  readonly onClose: () => void;
}

/**
 * "QR-code tonen voor een telefoon": a warning first (focus on Cancel, as for deleting), then the QR code,
 * which disappears when the popup loses focus. The QR code module is loaded only now.
 */
export function AccountQr({ account, name, onClose }: AccountQrProps) {
  const [src, setSrc] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  // A double click draws (and logs) one QR code, not two.
  const drawing = useRef(false);
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
      <button
        type="button"
        class="button small danger"
        data-testid="show-qr-confirm"
        onKeyDown={onKeyDown}
        onClick={async () => {
          if (drawing.current) return;
          drawing.current = true;
          try {
            // Not destructured: vite then wraps the import in less code (the popup's budget).
            const qr = await import('../account-qr-url');
            setSrc(await qr.accountQrUrl(account));
          } catch (error) {
            // A setting read at this moment refused it (or the code could not be drawn): say which.
            setRefused(t(qrRefusalMessage(error)));
          } finally {
            drawing.current = false;
          }
        }}
      >
        {t('showQrConfirm')}
      </button>
      <button ref={cancel} type="button" class="button small secondary" onClick={hide} onKeyDown={onKeyDown}>
        {t('cancel')}
      </button>
      {refused !== null && (
        <p class="notice error" role="alert" data-testid="qr-refused">
          {refused}
        </p>
      )}
    </fieldset>
  );
}
