import { t } from '../popup/t';
import type { PassphraseRefusal } from './confirm-current-passphrase';
import { waitText } from './wait-text';

/**
 * What a refused current passphrase says, in its field: `invalid` when what was typed there was
 * refused (empty or wrong), not for a wait, when nothing was checked.
 */
export function passphraseRefusalText(refusal: PassphraseRefusal): {
  readonly text: string;
  readonly invalid: boolean;
} {
  if (refusal.status === 'empty') return { text: t('passphraseCurrentEmpty'), invalid: true };
  const wait = t('unlockWait', waitText(refusal.waitMs));
  // Refused before it was checked (too many wrong ones just now): not "klopt niet".
  if (refusal.status === 'wait') return { text: wait, invalid: false };
  const wrong = t('passphraseCurrentWrong');
  return { text: refusal.waitMs > 0 ? `${wrong} ${wait}` : wrong, invalid: true };
}
