import { useEffect, useState } from 'preact/hooks';
import { hasClipboardPermission, requestClipboardPermission } from '../../clipboard/clipboard-permission';
import { t } from '../../popup/t';
import type { EffectiveSettings } from '../../settings/read-settings';
import { useSettingSave } from '../hooks/use-setting-save';
import type { SetSetting } from '../hooks/use-settings';
import { ManagedNote } from './managed-note';
import { SaveFailedNote } from './save-failed-note';

const SECONDS = [15, 30, 60, 120] as const;

/**
 * How soon a copied code is cleared, and the optional permission that clearing needs. A choice
 * storage did not take says so, and the select shows the one still in force.
 */
export function ClipboardSettings({
  settings,
  set,
}: {
  readonly settings: EffectiveSettings;
  readonly set: SetSetting;
}) {
  const seconds = settings.values.clipboardClearSeconds;
  const managed = settings.managed.has('clipboardClearSeconds');
  const [granted, setGranted] = useState<boolean | null>(null);
  const write = useSettingSave(set);
  useEffect(() => {
    hasClipboardPermission().then(setGranted, () => setGranted(false));
  }, []);
  const options = [...new Set([...SECONDS, seconds])].filter((s) => s > 0).sort((a, b) => a - b);
  const grant = () => void requestClipboardPermission().then(setGranted, () => setGranted(false));
  return (
    <section id="clipboard" aria-labelledby="clipboard-heading">
      <h2 id="clipboard-heading">{t('clipboardHeading')}</h2>
      <div class="field">
        <label for="clipboard-clear">{t('clipboardLabel')}</label>
        <select
          id="clipboard-clear"
          name="clipboard-clear"
          value={String(seconds)}
          disabled={managed}
          onChange={(event) => {
            const next = Number(event.currentTarget.value);
            write.save('clipboardClearSeconds', next);
            // The select's change is a user gesture: ask now, while Chrome allows it.
            if (next > 0 && granted !== true) grant();
          }}
        >
          {options.map((s) => (
            <option key={s} value={String(s)}>
              {s === 1 ? t('clipboardOneSecond') : t('clipboardSeconds', s)}
            </option>
          ))}
          <option value="0">{t('clipboardNever')}</option>
        </select>
        <SaveFailedNote state={write.state} testId="clipboard-save-failed" />
        <ManagedNote managed={managed} />
      </div>
      {seconds > 0 && granted === false && (
        <div class="row-gap">
          <p class="field-hint">
            {t('clipboardPermission')} {t('clipboardNotGranted')}
          </p>
          <button type="button" class="button" data-testid="clipboard-grant" onClick={grant}>
            {t('clipboardGrant')}
          </button>
        </div>
      )}
      {seconds > 0 && granted === true && <p class="field-hint">{t('clipboardGranted')}</p>}
    </section>
  );
}
