/**
 * Text from the database made safe to print on a terminal: every control character (C0, DEL, C1,
 * which a terminal may act on: U+009B starts an escape sequence on some) shown as \u{…} instead.
 * Names stored by this version have none (validate-authenticator-name.ts); older rows might.
 */
export function terminalSafe(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`);
}
