/** "demo@example.nl" → "d***@example.nl": enough to recognise, not enough to harvest (SECURITY #19). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** "+31612345678" → "+31 *** ** 78". */
export function maskMobile(mobile: string): string {
  const digits = mobile.replace(/[^0-9+]/g, '');
  if (digits.length < 6) return '***';
  return `${digits.slice(0, 3)} *** ** ${digits.slice(-2)}`;
}
