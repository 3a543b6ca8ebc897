import { openOptions } from '../open-options';
import { t } from '../t';

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
        <path d="M12 3v12M7 10l5 5 5-5M5 21h14" />
      </svg>
    </button>
  );
}
