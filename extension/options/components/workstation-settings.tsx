import { useEffect, useState } from 'preact/hooks';
import { t } from '../../popup/t';
import type { EffectiveSettings } from '../../settings/read-settings';
import { useSettingSave } from '../hooks/use-setting-save';
import type { SetSetting } from '../hooks/use-settings';
import { ManagedNote } from './managed-note';
import { SaveFailedNote } from './save-failed-note';

/**
 * The workstation's name, shown in the popup header. Saved when the field loses focus (or on
 * Enter), and then says so, once the write is done: a field that saves itself must show that it
 * did. A failed write says so and keeps the text in the field; leaving the field or Enter tries
 * again.
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
  const write = useSettingSave(set);
  useEffect(() => setName(settings.values.workstationName), [settings.values.workstationName]);
  const save = (value: string) => write.save('workstationName', value.trim());
  // Unchanged since the failed write, the field fires no change event: retry on leaving it or Enter.
  const retry = (value: string) => {
    if (write.state === 'failed') save(value);
  };
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
          aria-invalid={write.state === 'failed' ? 'true' : undefined}
          onInput={(event) => {
            setName(event.currentTarget.value);
            write.reset();
          }}
          onChange={(event) => save(event.currentTarget.value)}
          onBlur={(event) => retry(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') retry(event.currentTarget.value);
          }}
        />
        <p id="workstation-hint" class="field-hint">
          {t('workstationHint')}
        </p>
        {write.state === 'saved' && (
          <p class="field-hint" role="status" data-testid="workstation-saved">
            {t('workstationSaved')}
          </p>
        )}
        <SaveFailedNote
          state={write.state}
          testId="workstation-save-failed"
          text={t('workstationSaveFailed')}
        />
        <ManagedNote managed={managed} />
      </div>
    </section>
  );
}
