import type { UnlockResult } from './unlock-with-passphrase';

/**
 * Why the current passphrase was not taken: none was typed (nothing checked, no try counted), it
 * is wrong (a try counted; `waitMs` until the next one), or the wait between tries still runs
 * (nothing checked).
 */
export type PassphraseRefusal =
  | { readonly status: 'empty' }
  | { readonly status: 'wrong'; readonly waitMs: number }
  | { readonly status: 'wait'; readonly waitMs: number };

export type PassphraseProof = { readonly status: 'confirmed' } | PassphraseRefusal;

const CONFIRMED: PassphraseProof = Object.freeze({ status: 'confirmed' });

/**
 * The vault's current passphrase asked again before something it guards (changing it, an export
 * that reveals secrets): nothing to prove without one; an empty one is refused before the check,
 * so that it costs no try; otherwise `verify` (checkPassphraseNow: the unlock throttle, whose tries
 * these are) decides.
 */
export async function confirmCurrentPassphrase(
  passphraseSet: boolean,
  passphrase: string,
  verify: (passphrase: string) => Promise<UnlockResult>,
): Promise<PassphraseProof> {
  if (!passphraseSet) return CONFIRMED;
  if (passphrase === '') return { status: 'empty' };
  const checked = await verify(passphrase);
  return checked.status === 'unlocked' ? CONFIRMED : checked;
}
