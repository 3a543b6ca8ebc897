import { HOTP, Secret, TOTP } from 'otpauth/bare';
import type { AccountDraft } from '../otp/account';

/**
 * The account as an otpauth:// URI (Key URI Format), built by otpauth: what a phone app scans, and
 * one line of the plain export. The user's own `name` is not part of the format and is left out.
 */
export function otpauthUri(account: AccountDraft): string {
  const common = {
    issuer: account.issuer,
    label: account.label,
    // Key URI Format: an issuer prefix only when there is an issuer (no empty "…:label").
    issuerInLabel: account.issuer !== '',
    secret: new Secret({ buffer: new Uint8Array(account.secret).buffer }),
    algorithm: account.algorithm,
    digits: account.digits,
  };
  return account.type === 'totp'
    ? new TOTP({ ...common, period: account.period }).toString()
    : new HOTP({ ...common, counter: account.counter }).toString();
}

/**
 * The plain export: one otpauth:// URI per line (CRLF, so Windows Notepad shows the lines), a format
 * that Ente Auth, Aegis, 2FAS, Bitwarden and this extension all read back. It holds every secret
 * in the clear; the page only offers it after a warning, and not at all when switched off.
 */
export function otpauthList(accounts: readonly AccountDraft[]): string {
  return `${accounts.map(otpauthUri).join('\r\n')}\r\n`;
}
