/**
 * One emoji as a name shows it, whose joiners, selectors and tags are seen as part of it:
 * - a pictograph with its skin tone and its emoji- or text-style selector (VS16 U+FE0F, VS15
 *   U+FE0E), joined by ZWJ to more: 👩‍⚕️ is 👩 ZWJ ⚕ U+FE0F, ❤️ is ❤ U+FE0F, ⚕︎ is ⚕ U+FE0E;
 * - a keycap, 1️⃣ (1 U+FE0F U+20E3), as the Windows emoji picker inserts it;
 * - the flags of England, Scotland and Wales, a black flag 🏴 with the tag letters of
 *   gbeng, gbsct or gbwls and the cancel tag (Unicode's RGI subdivision flags; no other tag
 *   sequence, so tags cannot hide text in a name).
 * Anywhere else those characters are not seen. Both sides use it: the verifier accepts them in an
 * authenticator's name only inside such a sequence, and the extension keeps them there and drops
 * them elsewhere. Each part can match one way only (a flag's tags are tried before the black flag
 * alone, seven characters at most), so the pattern runs in linear time.
 */
export const EMOJI_SEQUENCE_SOURCE =
  '(?:\\u{1F3F4}\\u{E0067}\\u{E0062}(?:\\u{E0065}\\u{E006E}\\u{E0067}|\\u{E0073}\\u{E0063}\\u{E0074}|\\u{E0077}\\u{E006C}\\u{E0073})\\u{E007F}' +
  '|\\p{Extended_Pictographic}\\p{Emoji_Modifier}?[\\uFE0E\\uFE0F]?|[0-9#*]\\uFE0F\\u20E3)' +
  '(?:\\u200D\\p{Extended_Pictographic}\\p{Emoji_Modifier}?[\\uFE0E\\uFE0F]?)*';
