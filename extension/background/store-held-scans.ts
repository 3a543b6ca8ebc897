import { classifyQrText } from '../capture/classify-qr-text';
import { type LastScan, lastScan } from '../last-scan';
import type { HeldScan } from '../lock/held-scans';
import type { AccountDraft } from '../otp/account';
import type { Vault } from '../vault';
import { parseScannedUri } from './parse-scanned-uri';
import { storeDrafts } from './store-or-hold';
import { withOrigin } from './with-origin';

/**
 * Stores the scans held while the vault was locked, now that it is open: one outcome for them all
 * (usually there is one), as if the scan had just completed, each account with the site of the
 * page it was scanned on. Throws what the vault throws.
 */
export async function storeHeldScans(held: readonly HeldScan[], vault: Vault): Promise<LastScan> {
  const drafts: AccountDraft[] = [];
  let skipped = 0;
  let skippedLongNames = 0;
  for (const scan of held) {
    const content = classifyQrText(scan.uri);
    if (content.kind !== 'otpauth' && content.kind !== 'migration') continue;
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
    const why = skipped > 0 ? { skippedLongNames } : {};
    return lastScan({ status: 'unusable', skipped, ...why, foundOutsideSelection });
  }
  return storeDrafts(vault, { drafts, skipped, skippedLongNames, foundOutsideSelection });
}
