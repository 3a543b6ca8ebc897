import { t } from '../t';

/** Opens or closes the manual-entry form. */
export function AddButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      class="icon-button"
      data-testid="add-manual"
      aria-expanded={open}
      aria-controls="manual-entry"
      aria-label={t('addManual')}
      title={t('addManual')}
      onClick={onToggle}
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
      >
        <path d="M12 5v14M5 12h14" />
      </svg>
    </button>
  );
}
