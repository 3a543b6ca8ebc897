import { useEffect, useState } from 'preact/hooks';
import { t } from '../../popup/t';
import type { EffectiveSettings } from '../../settings/read-settings';
import type { SetSetting } from '../hooks/use-settings';
import { ManagedNote } from './managed-note';

/**
 * The workstation's name, shown in the popup header. Saved when the field loses focus (or on
 * Enter), and then says so: a field that saves itself must show that it did.
 */
export function WorkstationSettings({
  settings,
  set,
}: {
  readonly settings: EffectiveSettings;
  readonly set: SetSetting;
}) {
  const managed = settings.managed.has('workstationName');
  const [name, setName] = useState(settings.values.workstationName);
  const [saved, setSaved] = useState(false);
  useEffect(() => setName(settings.values.workstationName), [settings.values.workstationName]);
  return (
    <section id="workstation" aria-labelledby="workstation-heading">
      <h2 id="workstation-heading">{t('workstationHeading')}</h2>
      <div class="field">
        <label for="workstation-name">{t('workstationLabel')}</label>
        <input
          id="workstation-name"
          name="workstation-name"
          maxLength={80}
          value={name}
          disabled={managed}
          aria-describedby="workstation-hint"
          onInput={(event) => {
            setName(event.currentTarget.value);
            setSaved(false);
          }}
          onChange={(event) => {
            set('workstationName', event.currentTarget.value.trim());
            setSaved(true);
          }}
        />
        <p id="workstation-hint" class="field-hint">
          {t('workstationHint')}
        </p>
        {saved && (
          <p class="field-hint" role="status" data-testid="workstation-saved">
            {t('workstationSaved')}
          </p>
        )}
        <ManagedNote managed={managed} />
      </div>
    </section>
  );
}
