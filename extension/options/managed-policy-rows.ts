import { durationText } from '../popup/duration-text';
import { type MessageKey, t } from '../popup/t';
import type { EffectiveSettings } from '../settings/read-settings';
import { SETTING_DEFAULTS, type SettingKey, type Settings } from '../settings/settings';

/** One setting the organisation's policy fixed, as the options page lists it. */
export interface ManagedPolicyRow {
  readonly key: SettingKey;
  readonly label: string;
  readonly value: string;
  /** The value is text from the policy (the workstation's name): shown isolated, as names are. */
  readonly fromPolicy: boolean;
}

const LABELS: Readonly<Record<SettingKey, MessageKey>> = {
  requirePassphrase: 'policyRequirePassphrase',
  minPassphraseLength: 'policyMinPassphraseLength',
  autoLockMinutes: 'policyAutoLockMinutes',
  lockOnScreenLock: 'policyLockOnScreenLock',
  maxUnlockMinutes: 'policyMaxUnlockMinutes',
  workstationName: 'policyWorkstationName',
  allowSecretExport: 'policyAllowSecretExport',
  allowEncryptedBackup: 'policyAllowEncryptedBackup',
  allowManualEntry: 'policyAllowManualEntry',
  allowImport: 'policyAllowImport',
  allowErase: 'policyAllowErase',
  allowDeleteAccounts: 'policyAllowDeleteAccounts',
  clipboardClearSeconds: 'policyClipboardClearSeconds',
  checkClockDrift: 'policyCheckClockDrift',
  fillOnlyOnAccountSites: 'policyFillOnlyOnAccountSites',
};

/** The order of the settings' table (and of docs/deployment.md). */
const KEYS = Object.keys(SETTING_DEFAULTS) as SettingKey[];

/** A setting's value in words. */
function valueText(key: SettingKey, values: Settings): string {
  switch (key) {
    case 'requirePassphrase':
      return t(values.requirePassphrase ? 'policyYes' : 'policyNo');
    case 'lockOnScreenLock':
    case 'checkClockDrift':
    case 'fillOnlyOnAccountSites':
      return t(values[key] ? 'policyOn' : 'policyOff');
    case 'allowSecretExport':
    case 'allowEncryptedBackup':
    case 'allowManualEntry':
    case 'allowImport':
    case 'allowErase':
    case 'allowDeleteAccounts':
      return t(values[key] ? 'policyAllowed' : 'policyDisabled');
    case 'minPassphraseLength':
      return t('policyCharacters', values.minPassphraseLength);
    case 'autoLockMinutes': {
      const minutes = values.autoLockMinutes;
      if (minutes === 0) return t('policyNotOnIdle');
      return minutes === 1 ? t('policyAfterOneMinute') : t('policyAfterMinutes', minutes);
    }
    case 'maxUnlockMinutes':
      return values.maxUnlockMinutes === 0
        ? t('policyNoMaximum')
        : t('policyAfterUnlock', durationText(values.maxUnlockMinutes));
    case 'clipboardClearSeconds': {
      const seconds = values.clipboardClearSeconds;
      if (seconds === 0) return t('policyNever');
      return seconds === 1 ? t('policyAfterOneSecond') : t('policyAfterSeconds', seconds);
    }
    case 'workstationName':
      return values.workstationName === '' ? t('policyNoName') : values.workstationName;
  }
}

/** Every setting the policy fixed, with its value in force, in the settings' own order. */
export function managedPolicyRows({ values, managed }: EffectiveSettings): ManagedPolicyRow[] {
  return KEYS.filter((key) => managed.has(key)).map((key) => ({
    key,
    label: t(LABELS[key]),
    value: valueText(key, values),
    fromPolicy: key === 'workstationName' && values.workstationName !== '',
  }));
}
