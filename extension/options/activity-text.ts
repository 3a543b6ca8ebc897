import { type MessageKey, t } from '../popup/t';

type Counted = readonly [one: MessageKey, many: MessageKey];

// Maps, not objects: a stored value such as "constructor" must not find a prototype's member.
const LOCKED = new Map<unknown, MessageKey>([
  ['button', 'activityLocked'],
  ['idle', 'activityLockedIdle'],
  ['screen-lock', 'activityLockedScreen'],
  ['max-unlock', 'activityLockedMaxUnlock'],
]);
const ADDED = new Map<unknown, Counted>([
  ['scan', ['activityScannedOne', 'activityScanned']],
  ['manual', ['activityManual', 'activityManual']],
  ['import', ['activityImportedOne', 'activityImported']],
]);
const EXPORTED = new Map<unknown, Counted>([
  ['backup', ['activityBackupOne', 'activityBackup']],
  ['plain', ['activityPlainOne', 'activityPlain']],
  ['google', ['activityGoogleOne', 'activityGoogle']],
  ['account-qr', ['activityAccountQr', 'activityAccountQr']],
]);
const SITE_ADDED = new Map<unknown, MessageKey>([
  ['scan', 'activitySiteScanned'],
  ['manual', 'activitySiteAdded'],
  ['fill', 'activitySiteFilled'],
]);
const REFUSED = new Map<unknown, MessageKey>([
  [undefined, 'activityUnlockRefused'],
  ['export', 'activityExportRefused'],
  ['change', 'activityChangeRefused'],
]);
const PLAIN = new Map<unknown, MessageKey>([
  ['unlocked', 'activityUnlocked'],
  ['account-removed', 'activityRemoved'],
  ['account-restored', 'activityRestored'],
  ['site-removed', 'activitySiteRemoved'],
  ['passphrase-set', 'activityPassphraseSet'],
  ['passphrase-changed', 'activityPassphraseChanged'],
  ['passphrase-removed', 'activityPassphraseRemoved'],
  ['erased', 'activityErased'],
]);

function counted(keys: Counted | undefined, count: unknown): string | undefined {
  if (keys === undefined || typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) return;
  return count === 1 ? t(keys[0]) : t(keys[1], count);
}

function text(event: Partial<Record<string, unknown>>): string | undefined {
  switch (event.kind) {
    case 'locked': {
      const key = LOCKED.get(event.why);
      return key === undefined ? undefined : t(key);
    }
    case 'accounts-added':
      return counted(ADDED.get(event.via), event.count);
    case 'exported':
      return counted(EXPORTED.get(event.what), event.count);
    case 'site-added': {
      const key = SITE_ADDED.get(event.via);
      return key === undefined ? undefined : t(key);
    }
    case 'unlock-refused': {
      const key = REFUSED.get(event.while);
      return key === undefined ? undefined : t(key);
    }
    default: {
      const key = PLAIN.get(event.kind);
      return key === undefined ? undefined : t(key);
    }
  }
}

/**
 * An entry's event in the page's language. The log is read as stored: an entry a newer version
 * wrote (a kind this one does not know) or one damaged on disk is "Onbekende gebeurtenis", never a
 * failure of the whole list.
 */
export function activityText(event: unknown): string {
  const known = typeof event === 'object' && event !== null ? text(event) : undefined;
  return known ?? t('activityUnknown');
}
