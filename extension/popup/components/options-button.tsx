import { openOptions } from '../open-options';
import { t } from '../t';
import { ToolbarIcon } from './toolbar-icon';

/** Opens "Importeren en exporteren" in a tab (the popup closes: the page takes over). */
export function OptionsButton() {
  return (
    <button
      type="button"
      class="icon-button"
      data-testid="open-options"
      aria-label={t('openOptions')}
      title={t('openOptions')}
      onClick={() => {
        void openOptions().then((opened) => opened && window.close());
      }}
    >
      <ToolbarIcon>
        <path d="M12 3v12M7 10l5 5 5-5M5 21h14" />
      </ToolbarIcon>
    </button>
  );
}
