import { t } from '../t';
import { ToolbarIcon } from './toolbar-icon';

/** Opens or closes the manual-entry form. */
export function AddButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      class="icon-button"
      data-testid="add-manual"
      aria-expanded={open}
      aria-controls="manual-entry"
      title={t('addManual')}
      onClick={onToggle}
    >
      <ToolbarIcon>
        <path d="M12 5v14M5 12h14" />
      </ToolbarIcon>
    </button>
  );
}
