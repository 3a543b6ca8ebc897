import type { Account, AccountDraft } from '../otp/account';
import type { KdfChoice } from './passphrase-slot';
import type { SessionKey } from './session-key';
import type { VaultIntegrityError } from './vault-errors';

/** What `update` may change. The secret and OTP parameters are fixed: re-add to change them. */
export interface AccountPatch {
  readonly issuer?: string;
  readonly label?: string;
  readonly name?: string;
  readonly pinned?: boolean;
  /** HOTP only: the counter for the next code (RFC 4226 §5.2). */
  readonly counter?: number;
  /** The websites (http(s) origins) the account may be filled into without asking; [] for none. */
  readonly origins?: readonly string[];
  /**
   * This website, only if the account has none yet (fill's "remember this site"): decided inside
   * the write, so a website added meanwhile by another part of the extension is not replaced.
   */
  readonly originIfNone?: string;
  /**
   * One website added to those the account has when this write runs (the sites editor): a website
   * added or removed meanwhile by another popup or a fill is not undone.
   */
  readonly addOrigin?: string;
  /** One website removed from those the account has when this write runs. */
  readonly removeOrigin?: string;
}

export interface VaultListing {
  /** Pinned first, then by `order`. */
  readonly accounts: readonly Account[];
  /** Records that failed authentication; they are left in place, never deleted. */
  readonly damaged: readonly VaultIntegrityError[];
}

export interface Vault {
  /** Every readable account, pinned first, and the damaged records. */
  list(): Promise<VaultListing>;
  /** Undefined when no such account; VaultIntegrityError when its record was found altered. */
  get(id: string): Promise<Account | undefined>;
  /** Encrypts and stores a new account at the end of the list. */
  add(draft: AccountDraft): Promise<Account>;
  /** Stores new accounts at the end of the list, in order, all or nothing, in one transaction (an import). */
  addMany(drafts: readonly AccountDraft[]): Promise<Account[]>;
  update(id: string, patch: AccountPatch): Promise<Account>;
  /**
   * Removes the account; a no-op when it does not exist. Refused (PolicyRefusedError, nothing
   * removed) while the policy allowDeleteAccounts is off, read at this moment.
   */
  remove(id: string): Promise<void>;
  /** Puts a removed account back with its id and place (undo); fails if the id exists. */
  restore(account: Account): Promise<void>;
  /** Sets the order to `ids`, which must name every account exactly once. */
  reorder(ids: readonly string[]): Promise<void>;
  /** The session key of the passphrase slot that opened this vault (or that setPassphrase made). */
  readonly session: SessionKey | undefined;
  /** True when no slot opens without the passphrase (there is no device slot). */
  readonly passphraseRequired: boolean;
  /** Adds a passphrase slot beside the others (argon2id unless told otherwise). Returns its id. */
  addPassphraseSlot(passphrase: string, choice?: KdfChoice): Promise<string>;
  /**
   * Sets or changes the passphrase: one argon2id slot replaces the passphrase and device slots, so
   * the vault opens only with it. Returns the session key that keeps this browser unlocked.
   */
  setPassphrase(passphrase: string, choice?: KdfChoice): Promise<SessionKey>;
  /** Removes the passphrase: a device slot replaces it, and the vault opens without input again. */
  removePassphrase(): Promise<void>;
  /** Removes a key slot; the last slot cannot be removed. */
  removeSlot(slotId: string): Promise<void>;
  close(): void;
}
