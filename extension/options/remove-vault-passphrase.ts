import { PolicyRefusedError } from '../settings/policy-refused-error';
import { readSettings } from '../settings/read-settings';
import type { Vault } from '../vault';

/**
 * Removes the vault's passphrase (a device slot takes its place), unless requirePassphrase is in
 * force: read now, at the removal, not only when the page disabled its button (a policy may have
 * arrived since the page was drawn). Refused: PolicyRefusedError, and the passphrase stays.
 */
export async function removeVaultPassphrase(vault: Vault): Promise<void> {
  const { values, managed } = await readSettings();
  if (values.requirePassphrase)
    throw new PolicyRefusedError('requirePassphrase', managed.has('requirePassphrase'));
  await vault.removePassphrase();
}
