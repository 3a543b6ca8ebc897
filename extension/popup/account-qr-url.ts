import { recordActivity } from '../activity/record-activity';
import { otpauthUri } from '../backup/otpauth-uri';
import { qrSvgDataUrl } from '../backup/qr-svg-data-url';
import { chromeLockStorage } from '../lock/chrome-storage';
import { loadSession } from '../lock/session-store';
import type { AccountNames, OtpSettings } from '../otp';
import { passphraseMissing } from '../settings/passphrase-missing';
import { PolicyRefusedError } from '../settings/policy-refused-error';
import { requireAllowed } from '../settings/require-allowed';
import { openVault } from '../vault';

/**
 * The account's QR code for a phone app. Loaded with import() only when the user asks for one,
 * so qrcode stays out of the popup's first bundle. It reveals the secret: refused
 * (PolicyRefusedError) unless allowSecretExport is on at this moment, whatever the popup showed,
 * and while requirePassphrase waits for a passphrase (a policy that arrived after the popup
 * opened; the vault is read for it, as the options page's exports read it); the activity log
 * keeps that one was shown.
 */
export async function accountQrUrl(account: OtpSettings & AccountNames): Promise<string> {
  const { values, managed } = await requireAllowed('allowSecretExport');
  if (values.requirePassphrase) {
    const vault = await openVault({ session: loadSession(chromeLockStorage().session) });
    let missing: boolean;
    try {
      missing = passphraseMissing(true, vault);
    } finally {
      vault.close();
    }
    if (missing) throw new PolicyRefusedError('requirePassphrase', managed.has('requirePassphrase'));
  }
  const url = await qrSvgDataUrl(otpauthUri(account));
  await recordActivity({ kind: 'exported', what: 'account-qr', count: 1 });
  return url;
}
