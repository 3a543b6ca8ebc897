import { confirmCurrentPassphrase, type PassphraseRefusal } from '../lock/confirm-current-passphrase';
import type { UnlockResult } from '../lock/unlock-with-passphrase';
import type { Account } from '../otp';
import { passphraseMissing } from '../settings/passphrase-missing';
import { PolicyRefusedError } from '../settings/policy-refused-error';
import { requireAllowed } from '../settings/require-allowed';
import type { Vault } from '../vault';

/** The exports: the encrypted backup, or those that reveal secrets (the otpauth list, Google's QR codes). */
export type ExportSwitch = 'allowEncryptedBackup' | 'allowSecretExport';

/** The vault's current passphrase, as typed for this export, and how to check it (checkPassphraseNow). */
export interface ExportProof {
  readonly passphrase: string;
  readonly verify: (passphrase: string) => Promise<UnlockResult>;
}

/** The accounts, or why the current passphrase was not taken (then none was read). */
export type ExportAccounts =
  | { readonly status: 'confirmed'; readonly accounts: readonly Account[] }
  | PassphraseRefusal;

/**
 * The accounts for one export, the only way the options page gets them: the setting that allows
 * that export is read now, where the export happens, not only when its button was drawn (a policy
 * may have arrived since; it does not stop a script in the page, which could open the vault
 * itself: docs/deployment.md, developer tools). Refused
 * (PolicyRefusedError) when the setting is off, or while requirePassphrase waits for a passphrase;
 * then the vault is not even opened.
 *
 * A vault with a passphrase gives its accounts only for that passphrase, checked here through the
 * unlock throttle (docs/security.md, "Exports"): whoever finds the vault unlocked at a shared
 * workstation cannot take every secret along without it. Empty, it costs no try.
 */
export async function loadExportAccounts(
  openVault: () => Promise<Vault>,
  allowedBy: ExportSwitch,
  proof: ExportProof,
): Promise<ExportAccounts> {
  const { values, managed } = await requireAllowed(allowedBy);
  const vault = await openVault();
  try {
    if (passphraseMissing(values.requirePassphrase, vault))
      throw new PolicyRefusedError('requirePassphrase', managed.has('requirePassphrase'));
    const confirmed = await confirmCurrentPassphrase(
      vault.passphraseRequired,
      proof.passphrase,
      proof.verify,
    );
    if (confirmed.status !== 'confirmed') return confirmed;
    return { status: 'confirmed', accounts: (await vault.list()).accounts };
  } finally {
    vault.close();
  }
}
