import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../popup/t';
import type { EffectiveSettings } from '../../settings/read-settings';
import { useSaveWhileTyping } from '../hooks/use-save-while-typing';
import { useSettingSave } from '../hooks/use-setting-save';
import type { SetSetting } from '../hooks/use-settings';
import { ManagedNote } from './managed-note';
import { SaveFailedNote } from './save-failed-note';

/**
 * The workstation's name, shown in the popup header. Saved as the user types (a moment after the
 * last keystroke, and at once when the field is left, on Enter, or when the tab is closed or
 * hidden), and then says so, once the write is done: a field that saves itself must show that it
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
  const stored = settings.values.workstationName;
  const [name, setName] = useState(stored);
  // "Opgeslagen." is said aloud once the field is left or Enter pressed, not at every pause in
  // typing, which would interrupt a screen reader user while typing; it shows either way.
  const [committed, setCommitted] = useState(false);
  const write = useSettingSave(set);
  const typing = useSaveWhileTyping((value) => write.save('workstationName', value.trim()));
  // The stored name changed: the field follows it (a policy, or another tab) if it showed the
  // name stored before, but not while it holds text typed and not yet stored: the user's own
  // earlier write may be what came back, after they cleared the field (found by a review).
  const before = useRef(stored);
  const typedSince = useRef(false);
  useEffect(() => {
    const previous = before.current;
    before.current = stored;
    setName((shown) => {
      if (managed) return stored;
      if (typedSince.current) {
        if (shown.trim() === stored) typedSince.current = false;
        return shown;
      }
      return shown.trim() === previous ? stored : shown;
    });
  }, [stored, managed]);
  /** Leaving the field or Enter: what was typed is written now, or a failed write tried again. */
  const commit = (value: string) => {
    // Unchanged since the failed write, the field fires no change event: retry all the same.
    if (!typing.flush() && write.state === 'failed') write.save('workstationName', value.trim());
    setName(value.trim());
    setCommitted(true);
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
            const value = event.currentTarget.value;
            setName(value);
            typedSince.current = true;
            setCommitted(false);
            write.reset();
            typing.typed(value);
          }}
          onChange={(event) => commit(event.currentTarget.value)}
          onBlur={(event) => commit(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit(event.currentTarget.value);
          }}
        />
        <p id="workstation-hint" class="field-hint">
          {t('workstationHint')}
        </p>
        {write.state === 'saved' && (
          <p class="field-hint" aria-hidden="true" data-testid="workstation-saved">
            {t('workstationSaved')}
          </p>
        )}
        {/* Said aloud from a status that is always there (one that arrives with its text is said
            by no screen reader), once the field is left or Enter pressed. */}
        <p class="sr-only" role="status" data-testid="workstation-saved-spoken">
          {committed && write.state === 'saved' ? t('workstationSaved') : ''}
        </p>
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
