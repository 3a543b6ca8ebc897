import { policyRefusalMessage } from '../popup/policy-refusal-message';
import type { MessageKey } from '../popup/t';
import { PolicyRefusedError } from '../settings/policy-refused-error';

/** What an export that failed says: the setting that refused it, or that it failed. */
export function exportFailureMessage(error: unknown): MessageKey {
  if (!(error instanceof PolicyRefusedError)) return 'exportFailed';
  // requirePassphrase refuses an export only while no passphrase is set.
  return error.setting === 'requirePassphrase' ? 'exportPassphraseFirst' : policyRefusalMessage(error);
}
