/**
 * Splits an account label written "Issuer:account" (an otpauth label, a Google Authenticator
 * export's name) at its first colon; both parts trimmed. Without a colon there is no issuer.
 */
export function splitLabel(label: string): { readonly issuer: string | undefined; readonly account: string } {
  const colon = label.indexOf(':');
  if (colon === -1) return { issuer: undefined, account: label.trim() };
  return { issuer: label.slice(0, colon).trim(), account: label.slice(colon + 1).trim() };
}
