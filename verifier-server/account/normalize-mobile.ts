/**
 * Normalises a mobile number to international form, or returns null when it is not one.
 * Accepts what people type: spaces, dashes, dots, brackets, "00" or "+" prefixes, and a
 * Dutch national "06…" number (the portal's users are in the Netherlands).
 */
export function normalizeMobile(input: string): string | null {
  const compact = input.replace(/[\s\-.()]/g, '');
  let international: string;
  if (compact.startsWith('+')) international = compact;
  else if (compact.startsWith('00')) international = `+${compact.slice(2)}`;
  else if (/^06[0-9]{8}$/.test(compact)) international = `+31${compact.slice(1)}`;
  else return null;
  // E.164: at most 15 digits after the +, country codes never start with 0.
  return /^\+[1-9][0-9]{7,14}$/.test(international) ? international : null;
}
