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

/**
 * A joiner right after a letter (with its combining marks, such as a virama) and right before a
 * letter, all of one script in JOINING_SCRIPTS (Script_Extensions: the Arabic vowel marks serve
 * Syriac too). Sticky: it matches only where lastIndex is. The look-behind steps back over the
 * marks before the one joiner it is asked about, so a whole text is read in linear time. Made on
 * first use: its character sets take a few milliseconds to build, which the popup's opening would
 * pay for every name without a joiner.
 */
let spellingJoiner: RegExp | undefined;
function spellingJoinerPattern(): RegExp {
  spellingJoiner ??= new RegExp(
    JOINING_SCRIPTS.map((name) => {
      const script = `\\p{scx=${name}}`;
      return `(?<=[\\p{L}&&${script}][\\p{M}&&${script}]*)[\\u200C\\u200D](?=[\\p{L}&&${script}])`;
    }).join('|'),
    'vy',
  );
  return spellingJoiner;
}

/**
 * Whether the ZWNJ or ZWJ at `index` of `text` spells a word (spellingJoinerPattern). Anywhere
 * else (a Latin name, the start or end, a second joiner, between two scripts, beside a digit or a
 * space) it is only invisible.
 */
export function keepsScriptJoiner(text: string, index: number): boolean {
  const pattern = spellingJoinerPattern();
  pattern.lastIndex = index;
  return pattern.test(text);
}
