/**
 * The workstation settings: one table of names, types, defaults and bounds. A practice's IT person
 * sets them by policy (chrome.storage.managed, the manifest's storage.managed_schema, documented in
 * docs/deployment.md); some the user may set on the options page. Policy wins (read-settings.ts).
 */
export interface Settings {
  /** The popup asks for a passphrase to be set before it shows any code. */
  readonly requirePassphrase: boolean;
  /** The shortest passphrase the options page accepts. */
  readonly minPassphraseLength: number;
  /** Lock after this many idle minutes; 0: not on idle (still on the lock button, screen lock, browser close). */
  readonly autoLockMinutes: number;
  /** Lock when the screen locks. */
  readonly lockOnScreenLock: boolean;
  /**
   * Lock this many minutes after the unlock, however busy the workstation is (a reception desk
   * that is never idle); 0: no maximum.
   */
  readonly maxUnlockMinutes: number;
  /** Shown in the popup header, e.g. "Chrome plugin balie", so staff pick the matching authenticator. */
  readonly workstationName: string;
  /** The plain otpauth list, the QR code per account and the Google Authenticator export. */
  readonly allowSecretExport: boolean;
  /** The encrypted backup file. */
  readonly allowEncryptedBackup: boolean;
  /** Adding an account by typing its secret. */
  readonly allowManualEntry: boolean;
  /** Importing from files (other apps, backups). */
  readonly allowImport: boolean;
  /** "Alles wissen en opnieuw beginnen" on the locked options page (a forgotten passphrase). */
  readonly allowErase: boolean;
  /** Deleting one account ("Verwijderen" in its menu in the popup); erasing everything is allowErase. */
  readonly allowDeleteAccounts: boolean;
  /** Seconds after which a copied code is cleared from the clipboard if it is still there; 0: never. */
  readonly clipboardClearSeconds: number;
  /** Compare the clock with the open site's Date header when the popup opens. */
  readonly checkClockDrift: boolean;
  /** Fill a code only into a page of one of the account's websites: no "Toch invullen" elsewhere. */
  readonly fillOnlyOnAccountSites: boolean;
}

export type SettingKey = keyof Settings;

export const SETTING_DEFAULTS: Settings = Object.freeze({
  requirePassphrase: false,
  minPassphraseLength: 10,
  autoLockMinutes: 15,
  lockOnScreenLock: true,
  maxUnlockMinutes: 0,
  workstationName: '',
  allowSecretExport: true,
  allowEncryptedBackup: true,
  allowManualEntry: true,
  allowImport: true,
  allowErase: true,
  allowDeleteAccounts: true,
  clipboardClearSeconds: 30,
  checkClockDrift: true,
  fillOnlyOnAccountSites: false,
});

/** Whole-number settings: the range a value must lie in (a policy outside it is ignored). */
const RANGES: Partial<Record<SettingKey, readonly [number, number]>> = {
  minPassphraseLength: [8, 128],
  autoLockMinutes: [0, 1440],
  maxUnlockMinutes: [0, 1440],
  clipboardClearSeconds: [0, 600],
};

export const SETTING_RANGES = RANGES;

/**
 * The longest workstationName, in characters. The policy schema says the same with a pattern
 * (Chrome's schema knows no maxLength), so chrome://policy flags a longer one.
 */
export const WORKSTATION_NAME_MAX = 80;

/** The value when it has the setting's type (and range), else undefined. */
export function validSetting<K extends SettingKey>(key: K, value: unknown): Settings[K] | undefined {
  const expected = typeof SETTING_DEFAULTS[key];
  if (typeof value !== expected) return undefined;
  const range = RANGES[key];
  if (range !== undefined) {
    const n = value as number;
    if (!Number.isSafeInteger(n) || n < range[0] || n > range[1]) return undefined;
  }
  // Counted in characters (code points), as Chrome's RE2 counts them for the schema's pattern.
  if (key === 'workstationName' && [...(value as string)].length > WORKSTATION_NAME_MAX) return undefined;
  return value as Settings[K];
}

/** Where the user's own choice is kept in chrome.storage.local (one existing key kept its name). */
export function localKey(key: SettingKey): string {
  return key === 'allowSecretExport' ? 'settings.secretExportsAllowed' : `settings.${key}`;
}
