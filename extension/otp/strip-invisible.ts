import { EMOJI_SEQUENCE_SOURCE } from '../../shared/emoji-sequence';
import { keepsScriptJoiner } from '../../shared/keeps-script-joiner';

/**
 * Characters that change how a name is shown without being seen: the bidirectional controls
 * (U+202E shows what follows backwards; Unicode UAX #9 §2) and every default-ignorable code point
 * (Unicode's own list of what renders as nothing: zero-width spaces and joiners, the soft hyphen,
 * the word joiner, the BOM, variation selectors, Hangul fillers, tag characters …), and the blank
 * Braille pattern U+2800, which is not on that list but shows as nothing too. The verifier refuses
 * the same set in an authenticator's name (`enroll.nameInvisible`), outside what both keep.
 */
const INVISIBLE = /[\p{Bidi_Control}\p{Default_Ignorable_Code_Point}\u2800]/u;

/** An emoji sequence (kept whole) or an invisible character (dropped), whichever starts first. */
const EMOJI_OR_INVISIBLE = new RegExp(`(${EMOJI_SEQUENCE_SOURCE})|${INVISIBLE.source}`, 'gu');

/**
 * `text` without invisible and bidirectional format characters: two names that look alike are
 * then alike, and a name cannot reorder the text around it. Emoji sequences keep their joiners,
 * selectors and tags (👩‍⚕️ stays one picture, 🏴󠁧󠁢󠁷󠁬󠁳󠁿 the flag of Wales: EMOJI_SEQUENCE_SOURCE), and the words of Arabic-script and Indic scripts the
 * ZWNJ or ZWJ between their letters that spells them (keepsScriptJoiner: می‌خواهم, ශ්‍රී).
 */
export function stripInvisible(text: string): string {
  return text.replace(EMOJI_OR_INVISIBLE, (match: string, emoji: string | undefined, offset: number) => {
    if (emoji !== undefined) return emoji;
    return keepsScriptJoiner(text, offset) ? match : '';
  });
}
