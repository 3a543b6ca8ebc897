/**
 * What the fill command leaves for the popup when it could not fill by itself (issue 12), in
 * chrome.storage.session: which account it meant (an id, never a code) and why it opened the popup.
 */
export const FILL_NOTICE_KEY = 'fillNotice';

export interface FillNotice {
  /** Why: no field on the page (the popup copies `copyAccountId`'s code), none or several accounts for the site, or the vault is locked. */
  readonly reason: 'no-field' | 'choose' | 'locked';
  readonly copyAccountId?: string;
  readonly at: number;
}

export function isFillNotice(value: unknown): value is FillNotice {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.reason === 'no-field' || v.reason === 'choose' || v.reason === 'locked') &&
    typeof v.at === 'number' &&
    (v.copyAccountId === undefined || typeof v.copyAccountId === 'string')
  );
}
