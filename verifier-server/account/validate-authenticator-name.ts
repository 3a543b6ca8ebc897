import type { MessageKey } from '../i18n/messages-nl';

export const MAX_AUTHENTICATOR_NAME = 64;

export type NameCheck =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly error: MessageKey; readonly params: Record<string, string | number> };

/**
 * Trims and collapses white space; refuses an empty, too long, control-character or duplicate
 * name (case-insensitive), so the login list never shows two identical entries.
 */
export function validateAuthenticatorName(
  input: string,
  existing: ReadonlyArray<{ readonly id: string; readonly name: string }>,
  ownId?: string,
): NameCheck {
  const name = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (name === '' || /[\u0000-\u001f\u007f]/.test(name))
    return { ok: false, error: 'enroll.nameEmpty', params: {} };
  if ([...name].length > MAX_AUTHENTICATOR_NAME) {
    return { ok: false, error: 'enroll.nameTooLong', params: { max: MAX_AUTHENTICATOR_NAME } };
  }
  const lower = name.toLocaleLowerCase('nl');
  if (existing.some((a) => a.id !== ownId && a.name.toLocaleLowerCase('nl') === lower)) {
    return { ok: false, error: 'enroll.nameTaken', params: { name } };
  }
  return { ok: true, name };
}
