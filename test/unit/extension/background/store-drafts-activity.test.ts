import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../../extension/activity/activity-event';
import { storeDrafts } from '../../../../extension/background/store-or-hold';
import { openVault, type Vault } from '../../../../extension/vault';
import { DB_NAME, totpDraft } from '../vault/vault-fixtures';

let vault: Vault;
let recorded: ActivityEvent[];
const record = async (event: ActivityEvent) => void recorded.push(event);
const found = (drafts: ReturnType<typeof totpDraft>[]) => ({
  drafts,
  skipped: 0,
  skippedLongNames: 0,
  foundOutsideSelection: false,
});

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  vault = await openVault({ dbName: DB_NAME });
  recorded = [];
});

describe('a scan keeps in the activity log how many accounts it added', () => {
  it('the new ones only: a secret already in the vault is not counted', async () => {
    await vault.add(totpDraft(1));
    await storeDrafts(vault, found([totpDraft(1), totpDraft(2), totpDraft(3)]), record);
    expect(recorded).toEqual([{ kind: 'accounts-added', via: 'scan', count: 2 }]);
  });

  it('a scan of accounts all already there adds nothing, and records nothing', async () => {
    await vault.add(totpDraft(1));
    await storeDrafts(vault, found([totpDraft(1)]), record);
    expect(recorded).toEqual([]);
  });
});
