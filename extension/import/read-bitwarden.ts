import { OtpInputError } from '../otp/otp-input-error';
import { parseOtpauthUri } from '../otp/parse-otpauth-uri';
import { EntryCollector, entryName, rejectReason } from './collect-entries';
import { ImportError } from './import-error';
import type { ImportReading } from './import-result';
import { isObject, type Json, text } from './json-fields';

/** Bitwarden's item type for a login (the only type with a TOTP field). */
const LOGIN = 1;

/** True for a Bitwarden JSON export: `{ encrypted, items: [...] }`. */
export function isBitwardenExport(json: unknown): json is Json {
  return isObject(json) && Array.isArray(json.items) && typeof json.encrypted === 'boolean';
}

/**
 * Reads the logins with a TOTP value from an unencrypted Bitwarden JSON export. `login.totp` is an
 * otpauth:// URI, a bare base32 secret (then the item's name is the issuer and its username the
 * label, as Bitwarden shows it) or steam:// (Steam's own code, skipped). Encrypted exports (account
 * key or password protected) are refused: export unencrypted for the move, then delete the file.
 */
export function readBitwardenExport(json: Json): ImportReading {
  if (json.encrypted !== false || json.passwordProtected === true) {
    throw new ImportError('unsupported-encryption', 'Encrypted Bitwarden exports are not supported');
  }
  const collector = new EntryCollector();
  for (const item of json.items as unknown[]) {
    if (!isObject(item) || item.type !== LOGIN || !isObject(item.login)) continue;
    const totp = text(item.login.totp)?.trim();
    if (totp === undefined || totp === '') continue;
    const issuer = text(item.name) ?? '';
    const label = text(item.login.username) ?? '';
    const name = entryName(issuer, label);
    if (/^steam:\/\//i.test(totp)) {
      collector.reject(name, 'unsupported-type');
    } else if (/^otpauth:\/\//i.test(totp)) {
      try {
        const draft = parseOtpauthUri(totp);
        // An otpauth URI without names still belongs to this item.
        collector.accounts.push({ ...draft, issuer: draft.issuer || issuer, label: draft.label || label });
      } catch (error) {
        if (!(error instanceof OtpInputError)) throw error;
        collector.reject(name, rejectReason(error));
      }
    } else {
      collector.add({ secret: totp, issuer, label }, name);
    }
  }
  return {
    status: 'ready',
    result: { format: 'bitwarden', accounts: collector.accounts, rejected: collector.rejected, warnings: [] },
  };
}
