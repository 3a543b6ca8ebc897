import { t } from '../t';

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
      <svg
        viewBox="0 0 24 24"
        width="22"
        height="22"
        aria-hidden="true"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
        stroke-linejoin="round"
      >
        <rect x="5" y="11" width="14" height="10" rx="2" />
        <path d="M8 11V7a4 4 0 0 1 8 0v4" />
      </svg>
    </button>
  );
}
