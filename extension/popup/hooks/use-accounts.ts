import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Account, type AccountDraft, sortAccounts } from '../../otp';
import { requireSitesEditable } from '../../settings/require-sites-editable';
import type { AccountPatch, Vault } from '../../vault';
import { addManualAccount, type ManualAdd } from '../add-manual-account';
import { moveAccount } from '../move-account';
import { noteActivity } from '../note-activity';

export type AccountsState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: unknown }
  | {
      readonly status: 'ready';
      readonly accounts: readonly Account[];
      readonly damaged: number;
      /** False while only some accounts are known: more may follow. */
      readonly complete: boolean;
    };

/** Vault changes. None rejects: a failure goes to `onError` and resolves to undefined. */
export interface AccountActions {
  /**
   * Adds an account typed in by hand (refused, through onError, while allowManualEntry is off);
   * one already in the list is not added again (`added` false, that account).
   */
  add(draft: AccountDraft): Promise<ManualAdd | undefined>;
  update(id: string, patch: AccountPatch): Promise<void>;
  /** Moves `id` to the place of `targetId` and persists the whole order. */
  move(id: string, targetId: string): Promise<void>;
  /** Removes the account and returns it, for undo. */
  remove(id: string): Promise<Account | undefined>;
  /** Puts a removed account back with its id and place. */
  restore(account: Account): Promise<void>;
}

/**
 * Opens the vault, lists it once, and keeps the list in memory; every change goes to the vault
 * first (one at a time, in order) and then to the list, so what is shown is what is stored.
 */
export function useAccounts(
  openVault: () => Promise<Vault>,
  onError: (error: unknown) => void,
): [AccountsState, AccountActions] {
  const [state, setState] = useState<AccountsState>({ status: 'loading' });
  const vaultRef = useRef<Vault>();
  // The list as last changed, ahead of the next render: quick successive moves build on each other.
  const listRef = useRef<readonly Account[]>([]);
  // reorder() must name every stored record, the unreadable ones too; they keep their place at the end.
  const damagedIds = useRef<readonly string[]>([]);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  // True once the listing is complete; before that the list does not name every account.
  const complete = useRef(false);
  const errorRef = useRef(onError);
  errorRef.current = onError;

  // A layout effect starts right after the first render, not after the first paint: opening the
  // vault is what the first code waits for.
  useLayoutEffect(() => {
    let closed = false;
    const loaded = openVault().then(async (vault) => {
      performance.mark('vault-open');
      if (closed) return vault.close();
      vaultRef.current = vault;
      // One read and one decryption for every account (the vault's snapshot).
      const { accounts, damaged } = await vault.list();
      performance.mark('accounts-listed');
      complete.current = true;
      listRef.current = accounts;
      damagedIds.current = damaged.map((error) => error.subject.id);
      if (!closed) setState({ status: 'ready', accounts, damaged: damaged.length, complete: true });
    });
    // Changes wait for the complete listing: they build on listRef and name every account.
    queue.current = loaded.catch((error: unknown) => {
      if (!closed) setState({ status: 'failed', error });
    });
    return () => {
      closed = true;
      vaultRef.current?.close();
    };
  }, [openVault]);

  const setAccounts = useCallback((change: (accounts: readonly Account[]) => readonly Account[]) => {
    const accounts = change(listRef.current);
    listRef.current = accounts;
    setState((current) => (current.status === 'ready' ? { ...current, accounts } : current));
  }, []);

  /**
   * Runs vault work after the previous change, so the vault sees changes in the user's order.
   * A failure is reported through `onError` and resolves to undefined: callers never see a rejection.
   */
  const enqueue = useCallback(<T>(work: (vault: Vault) => Promise<T>): Promise<T | undefined> => {
    const run = queue.current.then(async () => {
      const vault = vaultRef.current;
      if (vault === undefined) throw new Error('The vault is not open');
      return work(vault);
    });
    const settled = run.catch((error: unknown) => {
      errorRef.current(error);
      return undefined;
    });
    queue.current = settled;
    return settled;
  }, []);

  const actions = useMemo<AccountActions>(() => {
    const replace = (updated: Account) =>
      setAccounts((accounts) => sortAccounts(accounts.map((a) => (a.id === updated.id ? updated : a))));
    return {
      add: (draft) =>
        enqueue(async (vault) => {
          const result = await addManualAccount(vault, draft);
          if (!result.added) return result;
          // Logged before it shows: a popup closed as soon as the row appears keeps its entry.
          await noteActivity({ kind: 'accounts-added', via: 'manual', count: 1 });
          setAccounts((accounts) => sortAccounts([...accounts, result.account]));
          return result;
        }),
      update: (id, patch) =>
        enqueue(async (vault) => {
          if (patch.addOrigin !== undefined) await requireSitesEditable();
          const updated = await vault.update(id, patch);
          // The sites editor's changes, logged before they show (which site is not: activity-event.ts).
          if (patch.addOrigin !== undefined) await noteActivity({ kind: 'site-added', via: 'manual' });
          if (patch.removeOrigin !== undefined) await noteActivity({ kind: 'site-removed' });
          replace(updated);
        }),
      move: async (id, targetId) => {
        // The first batch is on screen for a few ms only; a move then could not name every account.
        if (!complete.current) return;
        const moved = moveAccount(listRef.current, id, targetId);
        if (moved === undefined) return;
        // Shown at once (dragging must feel instant), then stored.
        setAccounts(() => moved);
        const ids = [...moved.map((a) => a.id), ...damagedIds.current];
        await enqueue(async (vault) => {
          try {
            await vault.reorder(ids);
          } catch (error) {
            // Show what is stored again rather than an order that was not saved.
            const { accounts } = await vault.list();
            setAccounts(() => accounts);
            throw error;
          }
        });
      },
      remove: (id) =>
        enqueue(async (vault) => {
          const account = listRef.current.find((a) => a.id === id);
          await vault.remove(id);
          await noteActivity({ kind: 'account-removed' });
          setAccounts((accounts) => accounts.filter((a) => a.id !== id));
          return account;
        }),
      restore: (account) =>
        enqueue(async (vault) => {
          await vault.restore(account);
          await noteActivity({ kind: 'account-restored' });
          setAccounts((accounts) => sortAccounts([...accounts, account]));
          // Moves made meanwhile renumbered the others; store the order as shown so it cannot tie.
          await vault.reorder([...listRef.current.map((a) => a.id), ...damagedIds.current]);
        }),
    };
  }, [enqueue, setAccounts]);

  return [state, actions];
}
