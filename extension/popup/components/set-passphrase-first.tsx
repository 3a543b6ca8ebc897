import { openOptions } from '../open-options';
import { t } from '../t';
import { WorkstationName } from './workstation-name';

/** requirePassphrase without a passphrase: no codes until one is set on the options page. */
export function SetPassphraseFirst({ workstationName }: { readonly workstationName: string }) {
  return (
    <main class="popup">
      <header class="toolbar">
        <h1>{t('extName')}</h1>
      </header>
      <WorkstationName name={workstationName} />
      <div class="row-gap" data-testid="passphrase-required">
        <p class="notice">{t('passphraseRequiredByPolicy')}</p>
        <button
          type="button"
          class="button"
          onClick={() => void openOptions().then((opened) => opened && window.close())}
        >
          {t('passphraseSetButton')}
        </button>
      </div>
    </main>
  );
}
