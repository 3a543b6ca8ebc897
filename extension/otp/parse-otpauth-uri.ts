import type { AccountDraft } from './account';
import { accountDraftFromFields } from './account-draft-from-fields';
import { OtpInputError } from './otp-input-error';
import { splitLabel } from './split-label';

/**
 * Far longer than any real otpauth URI (a QR code holds at most about 4,300 characters), short
 * enough that reading one stays quick: longer text is refused ('bad-uri') before it is matched.
 */
export const MAX_OTPAUTH_URI_LENGTH = 8192;

// otpauth://TYPE/LABEL?PARAMETERS (Key URI Format). Matched by hand rather than with `URL`,
// whose handling of non-special schemes (opaque host, no lower-casing) differs between engines.
// Each part is matched one way only (the label only after a `/`): with an optional `/` between
// two overlapping character classes, a text that does not match took time quadratic in its length.
const OTPAUTH_URI = /^otpauth:\/\/([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?(?:#.*)?$/i;
const OTPAUTH_SCHEME = /^otpauth:/i;

/**
 * Parses an otpauth:// URI per the Key URI Format
 * (https://github.com/google/google-authenticator/wiki/Key-Uri-Format), leniently where popular
 * apps are: scheme, type, parameter names and the secret in any case; spaces and `=` padding in
 * the secret; `+` or %20 for spaces; the issuer from the parameter (preferred) or the label prefix.
 * Throws an OtpInputError with a stable `code` otherwise.
 */
export function parseOtpauthUri(uri: string): AccountDraft {
  const text = uri.trim();
  const code = OTPAUTH_SCHEME.test(text) ? 'bad-uri' : 'not-otpauth';
  if (text.length > MAX_OTPAUTH_URI_LENGTH) {
    throw new OtpInputError(code, `The URI is longer than ${MAX_OTPAUTH_URI_LENGTH} characters`);
  }
  const match = OTPAUTH_URI.exec(text);
  if (match === null) throw new OtpInputError(code, 'Not an otpauth:// URI');
  const [, type = '', rawLabel = '', query = ''] = match;
  const params = readParams(query);
  const label = decodeComponent(rawLabel.replace(/\+/g, ' '));
  // "Issuer:account" or "Issuer: account"; the colon may be percent-encoded (%3A).
  const { issuer: prefix, account } = splitLabel(label);
  // Steam's codes (`encoder=steam`, as KeePassXC and Aegis write them) are five characters from
  // Steam's own alphabet: read as a plain TOTP they would give six digits Steam never accepts.
  if (params.get('encoder'))
    throw new OtpInputError('unknown-type', 'Codes with an encoder (Steam) are not supported');
  return accountDraftFromFields({
    type,
    secret: params.get('secret'),
    issuer: params.get('issuer') ?? prefix,
    label: account,
    algorithm: params.get('algorithm'),
    digits: params.get('digits'),
    period: params.get('period'),
    counter: params.get('counter'),
  });
}

/** Query parameters with lower-cased names; the first occurrence wins. `+` decodes to a space. */
function readParams(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq === -1 ? part : part.slice(0, eq)).toLowerCase();
    const value = eq === -1 ? '' : decodeComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    throw new OtpInputError('bad-uri', 'The URI has a malformed percent-encoding', { cause: error });
  }
}
