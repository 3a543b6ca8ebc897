/**
 * Text from the database made safe to print on a terminal: every control character (C0, DEL, C1,
 * which a terminal may act on: U+009B starts an escape sequence on some) shown as \u{…} instead.
 * Names stored by this version have none (validate-authenticator-name.ts); older rows might.
 */
export function terminalSafe(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`);
}

/**
 * What the CLI prints, made safe as a whole: every control character but the line breaks and tabs
 * it lays out its own text with shown as \u{…}. The last guard, for whatever a message quotes
 * (a name from the database, a typed argument); values from the database also go through
 * terminalSafe, so none of theirs can start a line or a column.
 */
export function terminalLines(text: string): string {
  return text.replace(/(?![\n\t])\p{Cc}/gu, (c) => terminalSafe(c));
}
