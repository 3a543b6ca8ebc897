import type { Account } from '../otp/account';
import { equalBytes } from '../otp/equal-bytes';
import { distinctOrigins, MAX_ORIGINS, siteOrigin } from '../otp/site-origin';
import { openAccount, sealAccount } from './account-record';
import { runTransaction } from './run-transaction';
import type { VaultDatabase } from './vault-db';
import { VaultError, VaultNotFoundError } from './vault-errors';
import type { AccountPatch } from './vault-types';

const MAX_ATTEMPTS = 3;

/**
 * Read, decrypt, patch, encrypt, then write in one transaction that first checks the record is
 * unchanged (its nonce is fresh per write, so it serves as a revision). WebCrypto cannot run
 * inside an IndexedDB transaction, so this compare-and-set keeps a concurrent writer (the popup
 * and the service worker) from being silently overwritten.
 */
export async function updateAccount(
  db: VaultDatabase,
  vaultKey: CryptoKey,
  id: string,
  patch: AccountPatch,
): Promise<Account> {
  for (let attempt = 1; ; attempt++) {
    const record = await db.get('accounts', id);
    if (record === undefined) throw new VaultNotFoundError(id);
    const updated = applyPatch(await openAccount(vaultKey, record), patch);
    const sealed = await sealAccount(vaultKey, updated);
    const result = await runTransaction(db, ['accounts'], async (tx) => {
      const current = await tx.store.get(id);
      if (current === undefined) throw new VaultNotFoundError(id);
      if (!equalBytes(current.nonce, record.nonce)) return undefined;
      // Keep the current order: a reorder in between only changed that.
      await tx.store.put({ ...sealed, order: current.order });
      return { ...updated, order: current.order };
    });
    if (result !== undefined) return result;
    if (attempt === MAX_ATTEMPTS) throw new VaultError(`Account ${id} kept changing; update not applied`);
  }
}

function applyPatch(account: Account, patch: AccountPatch): Account {
  const names = {
    issuer: patch.issuer ?? account.issuer,
    label: patch.label ?? account.label,
    name: patch.name ?? account.name,
    pinned: patch.pinned ?? account.pinned,
    ...(patch.origins === undefined ? {} : { origins: checkedOrigins(patch.origins) }),
  };
  if (patch.counter === undefined) return { ...account, ...names };
  if (account.type !== 'hotp') throw new VaultError('Only a HOTP account has a counter');
  if (!Number.isSafeInteger(patch.counter) || patch.counter < 0) {
    throw new VaultError('The counter must be a whole number, 0 or more');
  }
  return { ...account, ...names, counter: patch.counter };
}

/** Websites as the vault stores them: http(s) origins only, each once. */
function checkedOrigins(origins: readonly string[]): string[] {
  if (origins.some((origin) => siteOrigin(origin) !== origin)) {
    throw new VaultError('A website must be an http(s) origin, such as https://portaal.example');
  }
  try {
    return distinctOrigins(origins);
  } catch (cause) {
    throw new VaultError(`At most ${MAX_ORIGINS} websites per account`, { cause });
  }
}
