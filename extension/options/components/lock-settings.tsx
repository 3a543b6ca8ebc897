import { t } from '../../popup/t';
import type { EffectiveSettings } from '../../settings/read-settings';
import { useSettingSave } from '../hooks/use-setting-save';
import type { SetSetting } from '../hooks/use-settings';
import { ManagedNote } from './managed-note';
import { SaveFailedNote } from './save-failed-note';

const MINUTES = [1, 5, 15, 30, 60] as const;

/**
 * When the vault locks by itself: idle minutes and the screen lock. A choice storage did not take
 * says so, and the control shows the choice still in force.
 */
export function LockSettings({
  settings,
  set,
}: {
  readonly settings: EffectiveSettings;
  readonly set: SetSetting;
}) {
  const { values, managed } = settings;
  const autoLock = useSettingSave(set);
  const screenLock = useSettingSave(set);
  const options = MINUTES.includes(values.autoLockMinutes as (typeof MINUTES)[number])
    ? MINUTES
    : [...MINUTES, values.autoLockMinutes].filter((m) => m > 0).sort((a, b) => a - b);
  return (
    <>
      <div class="field">
        <label for="auto-lock">{t('autoLockLabel')}</label>
        <select
          id="auto-lock"
          name="auto-lock"
          value={String(values.autoLockMinutes)}
          disabled={managed.has('autoLockMinutes')}
          onChange={(event) => autoLock.save('autoLockMinutes', Number(event.currentTarget.value))}
        >
          {options.map((minutes) => (
            <option key={minutes} value={String(minutes)}>
              {minutes === 1 ? t('autoLockOneMinute') : t('autoLockMinutes', minutes)}
            </option>
          ))}
          <option value="0">{t('autoLockNever')}</option>
        </select>
        <SaveFailedNote state={autoLock.state} testId="auto-lock-save-failed" />
        <ManagedNote managed={managed.has('autoLockMinutes')} />
      </div>
      <div class="field">
        <label>
          <input
            type="checkbox"
            name="lock-on-screen-lock"
            checked={values.lockOnScreenLock}
            disabled={managed.has('lockOnScreenLock')}
            onChange={(event) => screenLock.save('lockOnScreenLock', event.currentTarget.checked)}
          />{' '}
          {t('lockOnScreenLock')}
        </label>
        <SaveFailedNote state={screenLock.state} testId="lock-on-screen-lock-save-failed" />
        <ManagedNote managed={managed.has('lockOnScreenLock')} />
      </div>
    </>
  );
}
