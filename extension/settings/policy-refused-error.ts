/**
 * The settings that allow an action (false: refused), the one that forbids removing the passphrase
 * and the one that forbids adding a website to an account (fillOnlyOnAccountSites).
 */
export type PolicySwitch =
  | 'allowSecretExport'
  | 'allowEncryptedBackup'
  | 'allowImport'
  | 'allowManualEntry'
  | 'allowErase'
  | 'allowDeleteAccounts'
  | 'requirePassphrase'
  | 'fillOnlyOnAccountSites';

/**
 * An action refused because a setting forbids it at the moment it was asked for: the setting is
 * read where the action happens, not only where its button is drawn (a policy may have arrived
 * since the page was drawn; a script running in an extension page is not stopped by this, which
 * is why docs/deployment.md keeps developer tools off the extension). Carries no secret: the setting, and whether the
 * policy (not the user's own choice) set it, so the user is told which.
 */
export class PolicyRefusedError extends Error {
  override readonly name = 'PolicyRefusedError';
  constructor(
    readonly setting: PolicySwitch,
    readonly managed: boolean,
  ) {
    super(`Refused: the setting ${setting} forbids this`);
  }
}
