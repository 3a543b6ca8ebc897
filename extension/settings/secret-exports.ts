/**
 * The switch for everything that reveals secrets: the plain otpauth export, QR codes per account
 * and the Google Authenticator export. Stored in chrome.storage.local under one clear key, read
 * only through this module, so the workstation policy (chrome.storage.managed) can later override
 * it here, in one place.
 */
export const SECRET_EXPORTS_KEY = 'settings.secretExportsAllowed';

interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

function localStorageArea(): StorageArea | undefined {
  return (globalThis as { chrome?: { storage?: { local?: StorageArea } } }).chrome?.storage?.local;
}

/** Allowed unless switched off; outside the extension (no chrome.storage) too. */
export async function secretExportsAllowed(): Promise<boolean> {
  const area = localStorageArea();
  if (area === undefined) return true;
  return (await area.get(SECRET_EXPORTS_KEY))[SECRET_EXPORTS_KEY] !== false;
}

export async function setSecretExportsAllowed(allowed: boolean): Promise<void> {
  await localStorageArea()?.set({ [SECRET_EXPORTS_KEY]: allowed });
}
