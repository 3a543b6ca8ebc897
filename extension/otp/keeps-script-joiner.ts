/**
 * Scripts whose words are spelt with ZERO WIDTH NON-JOINER (U+200C) or JOINER (U+200D) between
 * their letters: Persian and the other languages in Arabic script (ZWNJ in می‌خواهم, "I want",
 * keeps م and ی apart from خ), and the Indic Brahmic scripts, where after a virama ZWJ asks for a
 * half form and ZWNJ for the visible virama (Sinhala ශ්‍රී, Marathi दर्‍या). Removing the character
 * misspells the word.
 */
const JOINING_SCRIPTS = [
  'Arabic',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
] as const;

/** Per script: a code point used in it (Script_Extensions: the Arabic vowel marks serve Syriac too). */
const IN_SCRIPT: readonly RegExp[] = JOINING_SCRIPTS.map(
  (script) => new RegExp(`^\\p{Script_Extensions=${script}}$`, 'u'),
);
const LETTER = /^\p{L}$/u;
/** Combining marks: the virama, vowel signs, nukta, the Arabic vowel marks. */
const MARK = /^\p{M}$/u;
const JOINER = /^[\u200C\u200D]$/u;

/** The code point that starts at `index` (a whole surrogate pair), or undefined past the end. */
function codePointFrom(text: string, index: number): string | undefined {
  const point = text.codePointAt(index);
  return point === undefined ? undefined : String.fromCodePoint(point);
}

/** The code point that ends just before `index` (a whole surrogate pair), or undefined at the start. */
function codePointBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  const isLow = low >= 0xdc00 && low <= 0xdfff;
  const high = index >= 2 ? text.charCodeAt(index - 2) : 0;
  const start = isLow && high >= 0xd800 && high <= 0xdbff ? index - 2 : index - 1;
  return codePointFrom(text, start);
}

/** Whether a letter of `script`, maybe followed by combining marks of that script, ends at `index`. */
function letterOfScriptEndsAt(text: string, index: number, script: RegExp): boolean {
  let at = index;
  for (;;) {
    const before = codePointBefore(text, at);
    if (before === undefined || !script.test(before)) return false;
    if (LETTER.test(before)) return true;
    if (!MARK.test(before)) return false;
    at -= before.length;
  }
}

/**
 * Whether the ZWNJ or ZWJ at `index` of `text` spells a word: it sits right after a letter (with
 * its combining marks, such as a virama) and right before a letter, both of one script that uses
 * joiners (JOINING_SCRIPTS). Anywhere else (a Latin name, the start or end, a second joiner,
 * between two scripts, beside a digit or a space) it is only invisible. Looks at the neighbours
 * only: each mark is stepped over for the one joiner it precedes, so a whole text is read in
 * linear time.
 */
export function keepsScriptJoiner(text: string, index: number): boolean {
  const joiner = codePointFrom(text, index);
  if (joiner === undefined || !JOINER.test(joiner)) return false;
  const after = codePointFrom(text, index + 1);
  if (after === undefined || !LETTER.test(after)) return false;
  return IN_SCRIPT.some((script) => script.test(after) && letterOfScriptEndsAt(text, index, script));
}
