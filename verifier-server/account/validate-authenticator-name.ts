import { EMOJI_SEQUENCE_SOURCE } from '../../shared/emoji-sequence';
import { keepsScriptJoiner } from '../../shared/keeps-script-joiner';
import type { MessageKey } from '../i18n/messages-nl';
import { nameInUse } from './name-in-use';

export const MAX_AUTHENTICATOR_NAME = 64;

export type NameCheck =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly error: MessageKey; readonly params: Record<string, string | number> };

/**
 * Characters that change how a name is shown without being seen: bidirectional controls (U+202E
 * shows what follows backwards) and every default-ignorable code point (Unicode's list of what
 * renders as nothing: zero-width spaces and joiners, the soft hyphen, the word joiner, the BOM,
 * Hangul fillers, tag characters …), and the blank Braille pattern U+2800, which is not on that list
 * but shows as nothing too. A name with them could pass for another one in the login list.
 */
const INVISIBLE = /[\p{Bidi_Control}\p{Default_Ignorable_Code_Point}\u2800]/u;

const EMOJI_SEQUENCE = new RegExp(EMOJI_SEQUENCE_SOURCE, 'gu');
/** What an emoji sequence may hold that is not seen on its own: ZWJ, the selectors, the tags. */
const EMOJI_JOINERS = /[\u200D\uFE0E\uFE0F\u{E0020}-\u{E007F}]/gu;
const SCRIPT_JOINER = /[\u200C\u200D]/g;

/**
 * The name without what is seen only as part of its neighbours: the ZWNJ and ZWJ that spell a
 * Persian or Indic word (keepsScriptJoiner: می‌خواهم, ශ්‍රී), as the extension keeps them, and the
 * joiners, selectors and tags of its emoji (EMOJI_SEQUENCE_SOURCE). Whatever invisible is left
 * belongs to nothing.
 */
const withoutSeenJoiners = (name: string) =>
  name
    .replace(SCRIPT_JOINER, (joiner: string, offset: number) =>
      keepsScriptJoiner(name, offset) ? '' : joiner,
    )
    .replace(EMOJI_SEQUENCE, (sequence) => sequence.replace(EMOJI_JOINERS, ''));

/**
 * Many scripts have letters that look Latin (Cyrillic 'Т', Greek 'Τ', Cherokee 'Ꭲ', Armenian 'օ'),
 * and Greek and Cyrillic share more. A word that mixes a Latin letter with another script's
 * ('Тelefoon' with a Cyrillic Т), or Greek with Cyrillic, can pass for another name in the login
 * list; a name may use several scripts, one per word.
 */
const LATIN = /\p{Script=Latin}/u;
/** A letter of a script of its own: not Latin, nor shared by all (Common, Inherited). */
const OTHER_LETTER = /(?![\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}])\p{L}/u;
const GREEK = /\p{Script=Greek}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const mixesScripts = (name: string) =>
  name
    .normalize('NFKC')
    .split(/[^\p{L}\p{M}]+/u)
    .some(
      (word) => (LATIN.test(word) && OTHER_LETTER.test(word)) || (GREEK.test(word) && CYRILLIC.test(word)),
    );

/**
 * Trims and collapses white space; refuses an empty, too long, control-character, invisible-character,
 * mixed-script or duplicate name (name-in-use.ts), so the login list never shows two entries that look
 * alike. Not caught: a whole word in another script that looks Latin ('Теlеfооn' all Cyrillic), which
 * needs Unicode's confusables data.
 */
export function validateAuthenticatorName(
  input: string,
  existing: ReadonlyArray<{ readonly id: string; readonly name: string }>,
  ownId?: string,
): NameCheck {
  const name = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name === '') return { ok: false, error: 'enroll.nameEmpty', params: {} };
  // Control characters (C0, DEL and C1: U+0085, U+009B …) print nothing a person can see, and a
  // terminal may act on them; white space among them became a space above.
  if (/\p{Cc}/u.test(name)) return { ok: false, error: 'enroll.nameInvisible', params: {} };
  if ([...name].length > MAX_AUTHENTICATOR_NAME) {
    return { ok: false, error: 'enroll.nameTooLong', params: { max: MAX_AUTHENTICATOR_NAME } };
  }
  if (INVISIBLE.test(withoutSeenJoiners(name)))
    return { ok: false, error: 'enroll.nameInvisible', params: {} };
  if (mixesScripts(name)) return { ok: false, error: 'enroll.nameMixedScripts', params: {} };
  if (nameInUse(name, existing, ownId)) {
    return { ok: false, error: 'enroll.nameTaken', params: { name } };
  }
  return { ok: true, name };
}
