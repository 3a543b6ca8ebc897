/**
 * The switch for everything that reveals secrets: the plain otpauth export, QR codes per account
 * and the Google Authenticator export. The user's choice is kept in chrome.storage.local under
 * `settings.secretExportsAllowed`; the workstation policy `allowSecretExport` overrides it
 * (read-settings.ts: policy wins).
 */
import { readSettings, writeSetting } from './read-settings';
import { localKey } from './settings';

export const SECRET_EXPORTS_KEY = localKey('allowSecretExport');

/** Allowed unless switched off by the user or the policy; outside the extension (no chrome.storage) too. */
export async function secretExportsAllowed(): Promise<boolean> {
  return (await readSettings()).values.allowSecretExport;
}

export async function setSecretExportsAllowed(allowed: boolean): Promise<void> {
  await writeSetting('allowSecretExport', allowed);
}
