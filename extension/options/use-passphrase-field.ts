import { useEffect, useState } from 'preact/hooks';

/**
 * Whether an export shows its "Huidige wachtwoordzin" field: when the page knows the vault has a
 * passphrase, or once a refusal (`refused()`) said it has one the page did not know of yet (set
 * elsewhere a moment ago; found by a review: without the field the refusal was dropped, and
 * nothing at all happened). When the page learns of the passphrase or of its removal, that
 * decides again.
 */
export function usePassphraseField(passphraseSet: boolean): readonly [shown: boolean, refused: () => void] {
  const [asked, setAsked] = useState(false);
  useEffect(() => setAsked(false), [passphraseSet]);
  return [passphraseSet || asked, () => setAsked(true)] as const;
}
