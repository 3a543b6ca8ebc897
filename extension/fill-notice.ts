/**
 * What the fill command leaves for the popup when it could not fill by itself (issue 12), in
 * chrome.storage.session: which account it meant (an id, never a code) and why it opened the popup.
 */
export const FILL_NOTICE_KEY = 'fillNotice';

export interface FillNotice {
  /**
   * Why: no field on the page (the popup copies `copyAccountId`'s code, if it is opened on `site`
   * still), none or several accounts for the site, the vault is locked, the policy requires a
   * passphrase that is not set yet (the popup then asks for one), a page Chrome protects (nothing
   * can be filled there), the tab went to another site's page before the code was ready (nothing
   * filled, nothing copied for it), or the vault could not be read.
   */
  readonly reason:
    | 'no-field'
    | 'choose'
    | 'locked'
    | 'passphrase-required'
    | 'forbidden'
    | 'moved'
    | 'failed';
  readonly copyAccountId?: string;
  /** With no-field: the page's site; on another site the popup copies nothing. */
  readonly site?: string;
  readonly at: number;
}

const REASONS: readonly unknown[] = [
  'no-field',
  'choose',
  'locked',
  'passphrase-required',
  'forbidden',
  'moved',
  'failed',
] satisfies FillNotice['reason'][];

export function isFillNotice(value: unknown): value is FillNotice {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    REASONS.includes(v.reason) &&
    typeof v.at === 'number' &&
    (v.copyAccountId === undefined || typeof v.copyAccountId === 'string') &&
    (v.site === undefined || typeof v.site === 'string')
  );
}
