import type { AccountDraft } from '../otp/account';
import { OtpInputError } from '../otp/otp-input-error';
import { MigrationTooLargeError, parseMigrationUri } from '../otp/parse-migration-uri';
import { parseOtpauthUri } from '../otp/parse-otpauth-uri';
import { splitLabel } from '../otp/split-label';
import { entryName, rejectReason } from './collect-entries';
import { ImportError } from './import-error';
import { checkEntryCount, MAX_IMPORT_ACCOUNTS } from './import-limits';
import type { ImportReading, ImportWarning, RejectedEntry } from './import-result';

const URI_LINE = /^otpauth(-migration)?:\/\//i;

/** True when some line of `text` is an otpauth:// or otpauth-migration:// URI. */
export function hasOtpauthLines(text: string): boolean {
  return text.split(/\r?\n/).some((line) => URI_LINE.test(line.trim()));
}

/**
 * Reads one URI per line: otpauth:// (Ente Auth's plain export, the Authenticator extension's
 * text export, and many others) and Google Authenticator's otpauth-migration:// (one line per
 * QR code of an export). Other lines (headings, blank lines) are passed over. The format is
 * 'google-migration' when every URI is a migration one.
 */
export function readOtpauthLines(text: string): ImportReading {
  const accounts: AccountDraft[] = [];
  const rejected: RejectedEntry[] = [];
  const batches = new Map<number, Set<number>>();
  let plain = 0;
  for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
    const match = URI_LINE.exec(line);
    if (match === null) continue;
    // Over the limit as the lines are read, not after all of them are parsed.
    checkEntryCount(accounts.length + rejected.length);
    if (match[1] === undefined) {
      plain++;
      try {
        accounts.push(parseOtpauthUri(line));
      } catch (error) {
        if (!(error instanceof OtpInputError)) throw error;
        rejected.push({ name: labelOf(line), reason: rejectReason(error) });
      }
      continue;
    }
    try {
      const batch = parseMigrationUri(line, MAX_IMPORT_ACCOUNTS - accounts.length - rejected.length);
      accounts.push(...batch.accounts);
      // Named as other formats name their entries; limitResult shortens the name for the report.
      for (const { issuer, label, reason } of batch.skipped)
        rejected.push({
          name: entryName(issuer, label),
          reason: reason === 'name-too-long' ? 'name-too-long' : 'unsupported-parameter',
        });
      const indexes = batches.get(batch.batchSize) ?? new Set();
      batches.set(batch.batchSize, indexes.add(batch.batchIndex));
    } catch (cause) {
      if (cause instanceof MigrationTooLargeError)
        throw new ImportError('too-many-accounts', `More than ${MAX_IMPORT_ACCOUNTS} accounts in one file`, {
          cause,
        });
      if (!(cause instanceof OtpInputError)) throw cause;
      throw new ImportError('damaged', 'A Google Authenticator export line does not decode', { cause });
    }
  }
  if (plain === 0 && batches.size === 0)
    throw new ImportError('unknown-format', 'No otpauth URI in the text');
  const warnings: ImportWarning[] = [];
  for (const [expected, indexes] of batches) {
    if (indexes.size < expected) warnings.push({ code: 'missing-batches', found: indexes.size, expected });
  }
  const format = plain === 0 ? 'google-migration' : 'otpauth';
  return { status: 'ready', result: { format, accounts, rejected, warnings } };
}

/**
 * The name of an unreadable URI, to name it in the report as every other entry is named (issuer
 * and account, entryName): its `issuer` parameter or the label's prefix, and the label's account.
 * Never another parameter (the secret).
 */
function labelOf(uri: string): string {
  const match = /^otpauth:\/\/[^/?#]*\/([^?#]*)(?:\?([^#]*))?/i.exec(uri);
  const issuerParam = /(?:^|&)issuer=([^&]*)/i.exec(match?.[2] ?? '')?.[1];
  try {
    const { issuer, account } = splitLabel(decode(match?.[1] ?? ''));
    return entryName(issuerParam === undefined ? issuer : decode(issuerParam), account) || '?';
  } catch {
    return '?';
  }
}

/** Percent-decoded, `+` as a space; throws on a malformed escape. */
const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' ')).trim();
