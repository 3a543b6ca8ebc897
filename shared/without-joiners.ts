/**
 * `name` without what a font may draw as nothing or as its neighbour alone: ZWNJ and ZWJ (a
 * Persian word with and without its ZWNJ, 😀 ZWJ 😀 and 😀😀), the emoji and text selectors
 * (❤️ and ❤), and tags (a UK nation's flag and the black flag it is made of). Two names equal
 * without them look alike in a list: the verifier's name-in-use and the import's duplicate check
 * compare names this way.
 */
export function withoutJoiners(name: string): string {
  return name.replace(/\u200C|\u200D|\uFE0E|\uFE0F|[\u{E0020}-\u{E007F}]/gu, '');
}
