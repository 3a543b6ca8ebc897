import { useEffect, useState } from 'preact/hooks';
import { t } from '../../popup/t';
import type { EffectiveSettings } from '../../settings/read-settings';
import type { SetSetting } from '../hooks/use-settings';
import { ManagedNote } from './managed-note';

/** The workstation's name, shown in the popup header. Saved when the field loses focus. */
export function WorkstationSettings({
  settings,
  set,
}: {
  readonly settings: EffectiveSettings;
  readonly set: SetSetting;
}) {
  const managed = settings.managed.has('workstationName');
  const [name, setName] = useState(settings.values.workstationName);
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
          onInput={(event) => setName(event.currentTarget.value)}
          onChange={(event) => set('workstationName', event.currentTarget.value.trim())}
        />
        <p id="workstation-hint" class="field-hint">
          {t('workstationHint')}
        </p>
        <ManagedNote managed={managed} />
      </div>
    </section>
  );
}
