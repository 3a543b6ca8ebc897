import { withoutJoiners } from '../../shared/without-joiners';

/**
 * How two authenticator names are compared: as the login list shows them, so case-insensitive
 * (Dutch rules) and after compatibility normalisation (NFKC), which makes full-width 'Ｔ',
 * mathematical '𝐓' and the ligature 'ﬁ' the letters they look like, and without the joiners,
 * selectors and tags a name may have (shared/without-joiners.ts): '❤️' and '❤' can look the same
 * there, so can a Persian word with and without its ZWNJ, and a UK nation's flag and the black
 * flag it is made of, in a font without it (Windows' shows the black flag).
 */
const comparable = (name: string) => withoutJoiners(name.normalize('NFKC')).toLocaleLowerCase('nl');

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
