import { t } from '../t';
import { PadlockIcon } from './padlock-icon';

/** Locks the vault now (shown only when a passphrase is set). */
export function LockButton({ onLock }: { readonly onLock: () => void }) {
  return (
    <button type="button" class="icon-button" data-testid="lock" title={t('lockButton')} onClick={onLock}>
      <PadlockIcon />
    </button>
  );
}
