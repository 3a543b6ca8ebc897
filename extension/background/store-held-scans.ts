import { classifyQrText } from '../capture/classify-qr-text';
import { type LastScan, lastScan } from '../last-scan';
import type { HeldScan } from '../lock/held-scans';
import type { AccountDraft } from '../otp/account';
import { importAllowed } from '../settings/import-allowed';
import type { Vault } from '../vault';
import { parseScannedUri } from './parse-scanned-uri';
import { storeDrafts } from './store-or-hold';
import { withOrigin } from './with-origin';

/**
 * Stores the scans held while the vault was locked, now that it is open: one outcome for them all
 * (usually there is one), as if the scan had just completed, each account with the site of the
 * page it was scanned on. A Google Authenticator export is dropped while allowImport is off (read
 * now): with nothing else to store, the outcome is 'import-off'. Throws what the vault throws.
 */
export async function storeHeldScans(held: readonly HeldScan[], vault: Vault): Promise<LastScan> {
  const drafts: AccountDraft[] = [];
  let skipped = 0;
  let skippedLongNames = 0;
  let refused = false;
  for (const scan of held) {
    const content = classifyQrText(scan.uri);
    if (content.kind !== 'otpauth' && content.kind !== 'migration') continue;
    // allowImport as it is at the unlock: it may have been switched off since the scan was held.
    if (content.kind === 'migration' && !(await importAllowed())) {
      refused = true;
      continue;
    }
    try {
      const parsed = parseScannedUri(content);
      // The page it was scanned on becomes the accounts' site, as for a scan stored at once.
      drafts.push(...withOrigin(parsed.drafts, scan.origin));
      skipped += parsed.skipped;
      skippedLongNames += parsed.skippedLongNames;
    } catch {
      // Parsed once already before it was held; a stored value that no longer parses is dropped.
    }
  }
  const foundOutsideSelection = held.some((scan) => scan.foundOutsideSelection);
  if (drafts.length === 0) {
    if (refused) return lastScan({ status: 'import-off', foundOutsideSelection });
    const why = skipped > 0 ? { skippedLongNames } : {};
    return lastScan({ status: 'unusable', skipped, ...why, foundOutsideSelection });
  }
  return storeDrafts(vault, { drafts, skipped, skippedLongNames, foundOutsideSelection });
}
