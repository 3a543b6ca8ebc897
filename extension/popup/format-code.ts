/**
 * Groups a code for reading aloud and typing: 6 → "123 456", 7 → "123 4567", 8 → "1234 5678".
 * The space is a plain space, so the code's digits stay the only digits in the text.
 */
export function formatCode(code: string): string {
  if (code.length < 6) return code;
  const head = code.length === 8 ? 4 : 3;
  return `${code.slice(0, head)} ${code.slice(head)}`;
}
