import type { ExportAccounts } from '../load-export-accounts';

export interface ExportProps {
  /** The accounts for the current passphrase as typed ('' when none is asked): load-export-accounts.ts. */
  readonly loadAccounts: (passphrase: string) => Promise<ExportAccounts>;
  /** The vault has a passphrase: the export asks for it first. */
  readonly passphraseSet: boolean;
}
