import { recordActivity } from '../activity/record-activity';
import type { Account, AccountDraft } from '../otp';
import { requireAllowed } from '../settings/require-allowed';
import type { Vault } from '../vault';

/**
 * The import's commit: the chosen accounts in one all-or-nothing vault write, only while
 * allowImport is on, read now (the policy may have changed since the file was read; a
 * script in the page could still reach the vault itself: docs/deployment.md, developer tools). Refused: PolicyRefusedError, and nothing is stored.
 */
export async function storeImport(
  openVault: () => Promise<Vault>,
  drafts: readonly AccountDraft[],
): Promise<Account[]> {
  await requireAllowed('allowImport');
  const vault = await openVault();
  try {
    const added = await vault.addMany(drafts);
    if (added.length > 0)
      await recordActivity({ kind: 'accounts-added', via: 'import', count: added.length });
    return added;
  } finally {
    vault.close();
  }
}
