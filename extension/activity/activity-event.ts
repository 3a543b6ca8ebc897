/**
 * What the activity log keeps (docs/extension.md, "Activity log"): what happened on this computer
 * and when, for the practice's IT person. Never a secret, a code, a passphrase or an account's
 * name (the vault keeps names encrypted, and this log is not): only kinds, counts and reasons.
 */
export type ActivityEvent =
  | { readonly kind: 'unlocked' }
  /**
   * A wrong passphrase: to unlock, or (`while`) asked again on an open vault before an export that
   * reveals secrets or a row's QR code, or before changing or removing it. Those two are told
   * apart: a wrong one on an unlocked computer is what the IT person looks for.
   */
  | { readonly kind: 'unlock-refused'; readonly while?: 'export' | 'change' }
  /** `why`: the popup's lock button, or the reason it locked by itself. */
  | { readonly kind: 'locked'; readonly why: 'button' | 'idle' | 'screen-lock' | 'max-unlock' }
  | { readonly kind: 'accounts-added'; readonly via: 'scan' | 'manual' | 'import'; readonly count: number }
  | { readonly kind: 'account-removed' }
  /** A removal undone ("Ongedaan maken"). */
  | { readonly kind: 'account-restored' }
  /**
   * A website an account's codes are filled into without asking: given to an account that had none
   * by a rescan of its own QR code on that site (`scan`), added in the popup's sites editor
   * (`manual`), or remembered when its code was filled there with the user's confirmation (`fill`).
   * Which site is not kept: the vault keeps it encrypted, as it keeps the names.
   */
  | { readonly kind: 'site-added'; readonly via: 'scan' | 'manual' | 'fill' }
  /** A website removed from an account in the popup's sites editor. */
  | { readonly kind: 'site-removed' }
  /** Secrets that left the vault: a file, QR codes on screen, one account's QR code. */
  | {
      readonly kind: 'exported';
      readonly what: 'backup' | 'plain' | 'google' | 'account-qr';
      readonly count: number;
    }
  | { readonly kind: 'passphrase-set' }
  | { readonly kind: 'passphrase-changed' }
  | { readonly kind: 'passphrase-removed' }
  /** "Alles wissen": the vault and its accounts are gone (the log stays). */
  | { readonly kind: 'erased' };

export interface ActivityEntry {
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly event: ActivityEvent;
}

/** How many entries are kept: the oldest go first. At a few dozen a day, months of work. */
export const ACTIVITY_LIMIT = 1000;
