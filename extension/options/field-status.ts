import type { RefusalText } from '../lock/passphrase-refusal-text';

/**
 * What a form's last action did on the options page. A refusal names the field `F` it is about,
 * which then has the focus and is described by the message; `invalid` when what was typed there
 * was refused (not for a wait, when nothing was checked); `focus`: the message takes the focus
 * (the button that had it was disabled or is gone). A refusal of the current passphrase carries
 * its wait (passphraseRefusalText, useWaitOver).
 */
export type FieldStatus<F extends string> = Partial<RefusalText> & {
  readonly error: boolean;
  readonly text: string;
  readonly field?: F;
  readonly invalid?: boolean;
  readonly focus?: boolean;
};
