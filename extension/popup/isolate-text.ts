import { stripInvisible } from '../otp/strip-invisible';

/**
 * A name or site from elsewhere (a QR code, an imported file, a page's address), ready to be put
 * into one of our sentences: between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (Unicode
 * UAX #9 §2.7), so it takes its direction from its own first letter and cannot reorder the words
 * around it, as a U+202E or right-to-left letters in a name otherwise would ("Code van ‘…’
 * invullen"). Its own bidirectional and invisible characters are dropped first: an isolate
 * character in the name could end ours early. In an element, <IsolatedText> does the same.
 *
 * Text without right-to-left letters is left as it is: in our left-to-right sentences it cannot
 * move anything, and the sentence stays plain text for screen readers, searches and copies.
 */
export function isolateText(text: string): string {
  const shown = stripInvisible(text);
  return RIGHT_TO_LEFT.test(shown) ? `\u2068${shown}\u2069` : shown;
}

/**
 * Letters written right to left: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their
 * presentation forms, and the right-to-left scripts beyond the BMP (Unicode blocks, not UCD's
 * Bidi_Class, which JavaScript's regular expressions cannot name).
 */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** Several names or sites, each isolated from the others and from the sentence, separated by commas. */
export function isolateList(texts: readonly string[]): string {
  return texts.map(isolateText).join(', ');
}
