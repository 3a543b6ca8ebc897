import type { PolicyRefusedError } from '../settings/policy-refused-error';
import type { MessageKey } from './t';

/** What the user is told when a setting refused an action (the options page and the popup). */
export function policyRefusalMessage({ setting, managed }: PolicyRefusedError): MessageKey {
  switch (setting) {
    case 'allowSecretExport':
      return managed ? 'exportSecretsPolicyOff' : 'exportSecretsOff';
    case 'allowEncryptedBackup':
      return 'backupPolicyOff';
    case 'allowImport':
      return 'importPolicyOff';
    case 'allowManualEntry':
      return 'manualEntryPolicyOff';
    case 'allowErase':
      return 'erasePolicyOff';
    case 'allowDeleteAccounts':
      return 'deletePolicyOff';
    case 'requirePassphrase':
      return 'passphraseRequired';
    case 'fillOnlyOnAccountSites':
      return 'sitesPolicyOff';
  }
}
