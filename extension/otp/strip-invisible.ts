/**
 * Characters that change how a name is shown without being seen: the bidirectional controls
 * (U+202E shows what follows backwards; Unicode UAX #9 §2) and every default-ignorable code point
 * (Unicode's own list of what renders as nothing: zero-width spaces and joiners, the soft hyphen,
 * the word joiner, the BOM, variation selectors, Hangul fillers, tag characters …), and the blank
 * Braille pattern U+2800, which is not on that list but shows as nothing too. The verifier refuses
 * the same set in an authenticator's name (`enroll.nameInvisible`).
 */
const INVISIBLE = /[\p{Bidi_Control}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/**
 * `text` without invisible and bidirectional format characters: two names that look alike are
 * then alike, and a name cannot reorder the text around it. Note that it also drops the joiners
 * of emoji sequences and of some scripts (ZWJ, ZWNJ), a price worth a name nobody can fake.
 */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}
