import type { Account, AccountDraft } from '../otp/account';
import { requireAllowed } from '../settings/require-allowed';
import { addAccounts } from './add-accounts';
import { changeAccounts, inStoredOrder } from './change-accounts';
import { listAccounts } from './list-accounts';
import { addPassphraseSlot, removePassphrase, removeSlot, setPassphrase } from './manage-slots';
import { type AccountState, readAccountState } from './read-account-state';
import type { SessionKey } from './session-key';
import { type Unlocked, type UnlockOptions, unlockVault } from './unlock-vault';
import { updateAccount } from './update-account';
import { DEFAULT_VAULT_DB_NAME, openVaultDb } from './vault-db';
import { VaultError, VaultFormatError } from './vault-errors';
import type { AccountPatch, Vault } from './vault-types';

export interface OpenVaultOptions extends Omit<UnlockOptions, 'session'> {
  readonly dbName?: string;
  /**
   * A session key from an earlier unlock, tried first; or its read still under way (the popup
   * reads it from the browser's session storage while the database opens).
   */
  readonly session?: SessionKey | Promise<SessionKey | undefined> | undefined;
  /**
   * Start reading the snapshot (still encrypted) while the vault key is being unwrapped, and
   * decrypt it as soon as the key is there, for the first `list()`: the popup lists right after
   * opening. Only for a caller that lists at once: that first listing shows the vault as it was
   * when opened (unless this vault wrote meanwhile: then it reads anew). A locked vault decrypts
   * nothing: openVault rejects before.
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
  // The header read is issued first, so unwrapping the key does not queue behind the snapshot.
  const headerRead = db.get('meta', 'header');
  headerRead.catch(() => undefined);
  const snapshotRead = options.prefetch === true ? db.get('snapshot', 'accounts') : undefined;
  snapshotRead?.catch(() => undefined);
  let unlocked: Unlocked;
  try {
    const session = await options.session;
    unlocked = await unlockVault(db, { passphrase: options.passphrase, session }, headerRead);
  } catch (error) {
    db.close();
    throw error;
  }
  const { key } = unlocked;
  let { session, passphraseRequired } = unlocked;
  let prefetched: Promise<AccountState> | undefined;
  if (snapshotRead !== undefined) {
    prefetched = readAccountState(db, key, snapshotRead);
    prefetched.catch(() => undefined);
  }
  // Slot changes reopen a slot with what opened the vault; never with the passphrase itself, which
  // is not kept: the session key stands for it.
  const unlock = (): UnlockOptions => ({ session });

  async function get(id: string): Promise<Account | undefined> {
    const { snapshot, damaged } = await readAccountState(db, key);
    const error = damaged.find((e) => e.subject.id === id);
    if (error !== undefined) throw error;
    return snapshot.accounts.find((account) => account.id === id);
  }

  async function add(draft: AccountDraft): Promise<Account> {
    const [account] = await addAccounts(db, key, [draft]);
    if (account === undefined) throw new VaultError('The account was not added');
    return account;
  }

  /** Puts a removed account back with its id and place. */
  function restore(account: Account): Promise<void> {
    return changeAccounts(db, key, (snapshot) => {
      if (snapshot.accounts.some((a) => a.id === account.id)) {
        throw new VaultError(`Account ${account.id} exists already`);
      }
      const accounts = inStoredOrder([...snapshot.accounts, account]);
      return { snapshot: { ...snapshot, accounts }, add: [account], result: undefined };
    });
  }

  /**
   * The policy allowDeleteAccounts is read here, at the moment of removing, not only where the
   * popup draws "Verwijderen": when it is off (a policy that arrived while the popup was open, or a
   * script calling this without the menu), PolicyRefusedError is thrown and nothing is removed.
   */
  async function remove(id: string): Promise<void> {
    await requireAllowed('allowDeleteAccounts');
    return changeAccounts(db, key, (snapshot) => ({
      snapshot: {
        accounts: snapshot.accounts.filter((a) => a.id !== id),
        damaged: snapshot.damaged.filter((d) => d !== id),
      },
      remove: [id],
      result: undefined,
    }));
  }

  /** `ids` must name every record, the damaged ones too; only their clear `order` changes. */
  function reorder(ids: readonly string[]): Promise<void> {
    return changeAccounts(db, key, (snapshot) => {
      const known = [...snapshot.accounts.map((a) => a.id), ...snapshot.damaged];
      const position = new Map(ids.map((id, index) => [id, index]));
      if (
        position.size !== ids.length ||
        known.length !== ids.length ||
        known.some((id) => !position.has(id))
      ) {
        throw new VaultFormatError('reorder() must list every account exactly once');
      }
      const place = (id: string) => position.get(id) ?? 0;
      const accounts = inStoredOrder(snapshot.accounts.map((a) => ({ ...a, order: place(a.id) })));
      // The records whose place changes; a damaged record's is not known, so it is always looked at.
      const moved = [
        ...snapshot.accounts.filter((a) => a.order !== place(a.id)).map((a) => a.id),
        ...snapshot.damaged,
      ];
      return {
        snapshot: { ...snapshot, accounts },
        reorder: new Map(moved.map((id) => [id, place(id)])),
        result: undefined,
      };
    });
  }

  /**
   * Writes through one vault run one after the other: each one changes the snapshot, so two at
   * once would only make one of them start again. A write makes the prefetched read stale: the
   * next listing reads anew.
   */
  let writes: Promise<unknown> = Promise.resolve();
  function writing<A extends unknown[], R>(write: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return (...args) => {
      prefetched = undefined;
      const run = writes.then(() => write(...args));
      writes = run.catch(() => undefined);
      return run;
    };
  }

  return {
    list: () => {
      const state = prefetched;
      prefetched = undefined;
      return listAccounts(db, key, state);
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
