import { passphraseRefusalText, type RefusalText } from '../lock/passphrase-refusal-text';
import type { Account } from '../otp';
import { PolicyRefusedError } from '../settings/policy-refused-error';
import { accountQrUrl } from './account-qr-url';
import { type MessageKey, t } from './t';

/**
 * Why no QR code is shown; `field` when it is about the current passphrase (`invalid`: it was
 * refused; a wait, with what it says once over: RefusalText).
 */
export interface QrRefusal extends Partial<RefusalText> {
  readonly text: string;
  readonly field?: boolean;
}

/** Why no QR code is shown: the setting that refused it at the click, or a failure. */
function qrRefusalMessage(error: unknown): MessageKey {
  if (!(error instanceof PolicyRefusedError)) return 'exportFailed';
  if (error.setting === 'requirePassphrase') return 'qrPassphraseRequired';
  return error.managed ? 'exportSecretsPolicyOff' : 'qrSecretsOff';
}

/**
 * "QR-code tonen": the code's image, or what to say instead. Loaded with import() at the click,
 * with the QR code module, so none of this is in the popup's first files.
 */
export async function showAccountQr(
  account: Account,
  passphrase: string,
): Promise<{ readonly src: string } | QrRefusal> {
  try {
    const shown = await accountQrUrl(account, passphrase);
    if (shown.status === 'confirmed') return { src: shown.url };
    return { ...passphraseRefusalText(shown), field: true };
  } catch (error) {
    // A setting read at this moment refused it (or the code could not be drawn): say which.
    return { text: t(qrRefusalMessage(error)) };
  }
}
