/**
 * How two authenticator names are compared: as the login list shows them, so case-insensitive
 * (Dutch rules) and after compatibility normalisation (NFKC), which makes full-width 'Ｔ',
 * mathematical '𝐓' and the ligature 'ﬁ' the letters they look like, and without the emoji
 * joiners, selectors and tags a name may have (ZWJ, ZWNJ, U+FE0E, U+FE0F, the tags of a flag): '❤️'
 * and '❤' can look the same there, so can a Persian word with and without the ZWNJ that keeps two
 * of its letters apart, and the flags of England, Scotland and Wales and the black flag they are
 * made of, in a font without them (Windows' shows the black flag).
 */
const comparable = (name: string) =>
  name
    .normalize('NFKC')
    .replace(/\u200C|\u200D|\uFE0E|\uFE0F|[\u{E0020}-\u{E007F}]/gu, '')
    .toLocaleLowerCase('nl');

/**
 * Whether another authenticator (not `ownId`) already has `name`, or one that looks the same in
 * the login list. The routes ask it before a change; the stores ask it again inside the change's
 * transaction, where no other tab or instance can take the name in between.
 */
export function nameInUse(
  name: string,
  authenticators: ReadonlyArray<{ readonly id: string; readonly name: string }>,
  ownId?: string,
): boolean {
  const wanted = comparable(name);
  return authenticators.some((a) => a.id !== ownId && comparable(a.name) === wanted);
}
