import { PolicyRefusedError } from './policy-refused-error';
import { type EffectiveSettings, readSettings } from './read-settings';

/** The settings that switch an action on or off. */
export type AllowSwitch =
  | 'allowSecretExport'
  | 'allowEncryptedBackup'
  | 'allowImport'
  | 'allowManualEntry'
  | 'allowErase'
  | 'allowDeleteAccounts';

/**
 * Reads the settings now (a policy may have changed since the page was drawn) and throws
 * PolicyRefusedError when `setting` is off; otherwise returns them, for further checks.
 */
export async function requireAllowed(setting: AllowSwitch): Promise<EffectiveSettings> {
  const settings = await readSettings();
  if (!settings.values[setting]) throw new PolicyRefusedError(setting, settings.managed.has(setting));
  return settings;
}
