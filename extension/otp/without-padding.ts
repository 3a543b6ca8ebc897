/**
 * `text` without its trailing `=` (base32 or base64 padding). A loop, not `replace(/=+$/, '')`:
 * that regular expression retries from every `=` of a run that does not end the text, which
 * takes time quadratic in its length (seconds for a crafted field of 100,000 characters).
 */
export function withoutPadding(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--;
  return text.slice(0, end);
}
