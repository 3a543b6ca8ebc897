import { t } from '../t';
import { ToolbarIcon } from './toolbar-icon';

/** Locks the vault now (shown only when a passphrase is set). */
export function LockButton({ onLock }: { readonly onLock: () => void }) {
  return (
    <button
      type="button"
      class="icon-button"
      data-testid="lock"
      aria-label={t('lockButton')}
      title={t('lockButton')}
      onClick={onLock}
    >
      <ToolbarIcon>
        <rect x="5" y="11" width="14" height="10" rx="2" />
        <path d="M8 11V7a4 4 0 0 1 8 0v4" />
      </ToolbarIcon>
    </button>
  );
}
