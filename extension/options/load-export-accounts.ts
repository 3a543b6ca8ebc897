import type { Account } from '../otp';
import { passphraseMissing } from '../settings/passphrase-missing';
import { PolicyRefusedError } from '../settings/policy-refused-error';
import { requireAllowed } from '../settings/require-allowed';
import type { Vault } from '../vault';

/** The exports: the encrypted backup, or those that reveal secrets (the otpauth list, Google's QR codes). */
export type ExportSwitch = 'allowEncryptedBackup' | 'allowSecretExport';

/**
 * The accounts for one export, the only way the options page gets them: the setting that allows
 * that export is read now, where the export happens, not only when its button was drawn (a policy
 * may have arrived since; it does not stop a script in the page, which could open the vault
 * itself: docs/deployment.md, developer tools). Refused
 * (PolicyRefusedError) when the setting is off, or while requirePassphrase waits for a passphrase;
 * then the vault is not even opened.
 */
export async function loadExportAccounts(
  openVault: () => Promise<Vault>,
  allowedBy: ExportSwitch,
): Promise<readonly Account[]> {
  const { values, managed } = await requireAllowed(allowedBy);
  const vault = await openVault();
  try {
    if (passphraseMissing(values.requirePassphrase, vault))
      throw new PolicyRefusedError('requirePassphrase', managed.has('requirePassphrase'));
    return (await vault.list()).accounts;
  } finally {
    vault.close();
  }
}
