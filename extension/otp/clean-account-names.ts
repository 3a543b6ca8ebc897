import type { AccountNames } from './account';
import { stripInvisible } from './strip-invisible';

/**
 * The names as the vault stores them: without invisible or bidirectional format characters
 * (stripInvisible), trimmed. Names come from QR codes on any page, other apps' files and the
 * user's typing; a U+202E or a zero-width space in one would make it pass for another account.
 * Only the names present are cleaned (a patch names some); everything else, the secret above all,
 * is returned untouched.
 */
export function cleanAccountNames<T extends Partial<AccountNames>>(names: T): T {
  return {
    ...names,
    ...(names.issuer === undefined ? {} : { issuer: clean(names.issuer) }),
    ...(names.label === undefined ? {} : { label: clean(names.label) }),
    ...(names.name === undefined ? {} : { name: clean(names.name) }),
  };
}

const clean = (text: string) => stripInvisible(text).trim();
