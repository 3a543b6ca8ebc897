import { VaultLockedError, VaultVersionError } from '../../vault';
import { t } from '../t';

/** Why the vault could not be opened. Never the error's own message: that is for developers. */
export function VaultErrorNotice({ error }: { error: unknown }) {
  const message =
    error instanceof VaultVersionError
      ? t('errorNewerVersion')
      : error instanceof VaultLockedError
        ? t('errorLocked')
        : t('errorOpen');
  return (
    <p class="notice error" role="alert" data-testid="vault-error">
      {message}
    </p>
  );
}
