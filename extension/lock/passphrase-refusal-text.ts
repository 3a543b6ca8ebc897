import { t } from '../popup/t';
import type { PassphraseRefusal } from './confirm-current-passphrase';
import { waitText } from './wait-text';

/** What a refusal says; with a wait, what it says once the wait is over (useWaitOver). */
export interface RefusalText {
  readonly text: string;
  readonly invalid: boolean;
  /** The wait the text names, after which `afterWait` replaces it. */
  readonly waitMs?: number | undefined;
  readonly afterWait?: string | undefined;
  /** The wait it named is over and only the text changed: nothing takes the focus again. */
  readonly waited?: boolean | undefined;
}

/**
 * What a refused current passphrase says, in its field: `invalid` when what was typed there was
 * refused (empty or wrong), not for a wait, when nothing was checked. A wait is named once, not
 * counted down (the message is an alert, which a screen reader would read again at every tick);
 * when it is over the sentence changes once, as on the unlock screen.
 */
export function passphraseRefusalText(refusal: PassphraseRefusal): RefusalText {
  if (refusal.status === 'empty') return { text: t('passphraseCurrentEmpty'), invalid: true };
  const wait = t('unlockWait', waitText(refusal.waitMs));
  // Refused before it was checked (too many wrong ones just now): not "klopt niet".
  if (refusal.status === 'wait')
    return { text: wait, invalid: false, waitMs: refusal.waitMs, afterWait: t('passphraseTryAgainNow') };
  const wrong = t('passphraseCurrentWrong');
  if (refusal.waitMs <= 0) return { text: wrong, invalid: true };
  return { text: `${wrong} ${wait}`, invalid: true, waitMs: refusal.waitMs, afterWait: wrong };
}
