import type { Account, AccountDraft } from '../otp/account';
import { openAccount, sealAccount } from './account-record';
import { addAccounts, newAccount } from './add-accounts';
import { type AccountReads, DEFAULT_FIRST_BATCH_SIZE, listAccounts, readAccounts } from './list-accounts';
import { addPassphraseSlot, removePassphrase, removeSlot, setPassphrase } from './manage-slots';
import { runTransaction } from './run-transaction';
import { type Unlocked, type UnlockOptions, unlockVault } from './unlock-vault';
import { updateAccount } from './update-account';
import { DEFAULT_VAULT_DB_NAME, openVaultDb } from './vault-db';
import { VaultFormatError } from './vault-errors';
import type { AccountPatch, Vault } from './vault-types';

export interface OpenVaultOptions extends UnlockOptions {
  readonly dbName?: string;
  /**
   * Start reading the accounts (still encrypted) while the vault key is being unwrapped, for the
   * first `list()`: the popup lists right after opening, and this saves it a round trip.
   * Only for a caller that lists at once: that first listing shows the vault as it was when opened
   * (unless this vault wrote meanwhile: then it reads anew).
   */
  readonly prefetch?: boolean;
}

/**
 * Opens (creating on first use) the encrypted vault. Throws VaultVersionError for a newer
 * format, VaultIntegrityError when the wrapped vault key was altered or the passphrase is wrong,
 * VaultLockedError when only a passphrase slot exists and neither it nor a session key was given.
 */
export async function openVault(options: OpenVaultOptions = {}): Promise<Vault> {
  const db = await openVaultDb(options.dbName ?? DEFAULT_VAULT_DB_NAME);
  // The header read is issued first (unlockVault makes it before its first await), so unwrapping
  // the key does not queue behind a read of every record.
  const unlocking = unlockVault(db, options);
  unlocking.catch(() => undefined);
  let prefetched: AccountReads | undefined;
  let unlocked: Unlocked;
  try {
    if (options.prefetch === true) prefetched = readAccounts(db, DEFAULT_FIRST_BATCH_SIZE);
    unlocked = await unlocking;
  } catch (error) {
    db.close();
    throw error;
  }
  const { key } = unlocked;
  let { session, passphraseRequired } = unlocked;
  // Slot changes reopen a slot with what opened the vault; never with the passphrase itself, which
  // is not kept: the session key stands for it.
  const unlock = (): UnlockOptions => ({ session });

  async function get(id: string): Promise<Account | undefined> {
    const record = await db.get('accounts', id);
    return record === undefined ? undefined : openAccount(key, record);
  }

  async function add(draft: AccountDraft): Promise<Account> {
    // `order` is assigned inside the transaction; it is not part of the ciphertext.
    const account = newAccount(draft, Date.now());
    const sealed = await sealAccount(key, account);
    const order = await runTransaction(db, ['accounts'], async (tx) => {
      const last = await tx.store.index('by-order').openCursor(null, 'prev');
      const next = last === null ? 0 : last.value.order + 1;
      await tx.store.add({ ...sealed, order: next });
      return next;
    });
    return { ...account, order };
  }

  async function restore(account: Account): Promise<void> {
    const sealed = await sealAccount(key, account);
    await runTransaction(db, ['accounts'], (tx) => tx.store.add(sealed));
  }

  async function remove(id: string): Promise<void> {
    await runTransaction(db, ['accounts'], (tx) => tx.store.delete(id));
  }

  async function reorder(ids: readonly string[]): Promise<void> {
    await runTransaction(db, ['accounts'], async (tx) => {
      const records = await tx.store.getAll();
      const wanted = new Set(ids);
      if (
        wanted.size !== ids.length ||
        records.length !== ids.length ||
        records.some((r) => !wanted.has(r.id))
      ) {
        throw new VaultFormatError('reorder() must list every account exactly once');
      }
      const position = new Map(ids.map((id, index) => [id, index]));
      for (const record of records) {
        const order = position.get(record.id) ?? 0;
        if (record.order !== order) await tx.store.put({ ...record, order });
      }
    });
  }

  /** A write through this vault makes the prefetched reads stale: the next listing reads anew. */
  function writing<A extends unknown[], R>(write: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return (...args) => {
      prefetched = undefined;
      return write(...args);
    };
  }

  return {
    list: (listOptions) => {
      const reads = prefetched;
      prefetched = undefined;
      return listAccounts(db, key, listOptions, reads);
    },
    get,
    add: writing(add),
    addMany: writing((drafts: readonly AccountDraft[]) => addAccounts(db, key, drafts)),
    update: writing((id: string, patch: AccountPatch) => updateAccount(db, key, id, patch)),
    remove: writing(remove),
    restore: writing(restore),
    reorder: writing(reorder),
    get session() {
      return session;
    },
    get passphraseRequired() {
      return passphraseRequired;
    },
    addPassphraseSlot: (passphrase, choice) => addPassphraseSlot(db, unlock(), passphrase, choice),
    setPassphrase: async (passphrase, choice) => {
      session = await setPassphrase(db, unlock(), passphrase, choice);
      passphraseRequired = true;
      return session;
    },
    removePassphrase: async () => {
      await removePassphrase(db, unlock());
      session = undefined;
      passphraseRequired = false;
    },
    removeSlot: (slotId) => removeSlot(db, slotId),
    close: () => db.close(),
  };
}
