import { useEffect, useState } from 'preact/hooks';
import type { FillNotice } from '../../fill-notice';
import { takeFillNotice } from '../fill-notice-store';
import { openOptionsFromPopup } from '../open-options-from-popup';
import { t } from '../t';
import { WorkstationName } from './workstation-name';

export interface SetPassphraseFirstProps {
  readonly workstationName: string;
  /** What the fill command left for the popup, if anything (tests pass their own). */
  readonly fillNotice?: () => Promise<FillNotice | null>;
}

/**
 * requirePassphrase without a passphrase: no codes until one is set on the options page (its
 * "Vergrendeling" section, which the button opens). Opened by
 * the fill command (Alt+Shift+F), which filled nothing for that reason, it says so too.
 */
export function SetPassphraseFirst({
  workstationName,
  fillNotice: readFillNotice = takeFillNotice,
}: SetPassphraseFirstProps) {
  const [notFilled, setNotFilled] = useState(false);
  useEffect(() => {
    let live = true;
    readFillNotice().then(
      (notice) => live && setNotFilled(notice?.reason === 'passphrase-required'),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [readFillNotice]);
  return (
    <main class="popup">
      <header class="toolbar">
        <h1>{t('extName')}</h1>
      </header>
      <WorkstationName name={workstationName} />
      <div class="row-gap" data-testid="passphrase-required">
        {notFilled && (
          <p class="notice" role="status" data-testid="fill-refused">
            {t('fillPassphraseRequired')}
          </p>
        )}
        <p class="notice">{t('passphraseRequiredByPolicy')}</p>
        {/* Straight to "Vergrendeling", with the new passphrase's field focused. */}
        <button
          type="button"
          class="button"
          data-testid="set-passphrase"
          onClick={() => openOptionsFromPopup('lock')}
        >
          {t('passphraseSetButton')}
        </button>
      </div>
    </main>
  );
}
