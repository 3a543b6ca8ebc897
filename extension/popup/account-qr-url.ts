import { recordActivity } from '../activity/record-activity';
import { otpauthUri } from '../backup/otpauth-uri';
import { qrSvgDataUrl } from '../backup/qr-svg-data-url';
import { chromeLockStorage } from '../lock/chrome-storage';
import { confirmCurrentPassphrase, type PassphraseRefusal } from '../lock/confirm-current-passphrase';
import { loadSession } from '../lock/session-store';
import { checkPassphraseNow } from '../lock/unlock-vault-now';
import type { UnlockResult } from '../lock/unlock-with-passphrase';
import type { AccountNames, OtpSettings } from '../otp';
import { passphraseMissing } from '../settings/passphrase-missing';
import { PolicyRefusedError } from '../settings/policy-refused-error';
import { requireAllowed } from '../settings/require-allowed';
import { openVault, type Vault } from '../vault';

export interface AccountQrDeps {
  /** The popup's open vault (its session key). */
  readonly openVault: () => Promise<Vault>;
  /** Checks the current passphrase through the unlock throttle. */
  readonly verify: (passphrase: string) => Promise<UnlockResult>;
}

const POPUP_DEPS: AccountQrDeps = {
  openVault: async () => openVault({ session: await loadSession(chromeLockStorage().session) }),
  verify: (passphrase) => checkPassphraseNow(passphrase, 'export'),
};

/** Whether the vault has a passphrase, which the QR code then asks for. */
export async function qrNeedsPassphrase(deps: AccountQrDeps = POPUP_DEPS): Promise<boolean> {
  const vault = await deps.openVault();
  try {
    return vault.passphraseRequired;
  } finally {
    vault.close();
  }
}

/**
 * The account's QR code for a phone app. Loaded with import() only when the user asks for one,
 * so qrcode stays out of the popup's first bundle. It reveals the secret: refused
 * (PolicyRefusedError) unless allowSecretExport is on at this moment, whatever the popup showed,
 * and while requirePassphrase waits for a passphrase (a policy that arrived after the popup
 * opened); the activity log keeps that one was shown. With a passphrase on the vault, only for
 * that passphrase, checked here through the unlock throttle (docs/security.md, "Exports"): empty,
 * it costs no try.
 */
export async function accountQrUrl(
  account: OtpSettings & AccountNames,
  passphrase: string,
  deps: AccountQrDeps = POPUP_DEPS,
): Promise<{ readonly status: 'confirmed'; readonly url: string } | PassphraseRefusal> {
  const { values, managed } = await requireAllowed('allowSecretExport');
  const vault = await deps.openVault();
  let passphraseSet: boolean;
  try {
    if (passphraseMissing(values.requirePassphrase, vault))
      throw new PolicyRefusedError('requirePassphrase', managed.has('requirePassphrase'));
    passphraseSet = vault.passphraseRequired;
  } finally {
    vault.close();
  }
  const proof = await confirmCurrentPassphrase(passphraseSet, passphrase, deps.verify);
  if (proof.status !== 'confirmed') return proof;
  const url = await qrSvgDataUrl(otpauthUri(account));
  await recordActivity({ kind: 'exported', what: 'account-qr', count: 1 });
  return { status: 'confirmed', url };
}
