import { durationText } from '../../popup/duration-text';
import { t } from '../../popup/t';
import type { EffectiveSettings } from '../../settings/read-settings';
import { useSettingSave } from '../hooks/use-setting-save';
import type { SetSetting } from '../hooks/use-settings';
import { ManagedNote } from './managed-note';
import { SaveFailedNote } from './save-failed-note';

const MINUTES = [1, 5, 15, 30, 60] as const;
/** The maximum unlock times offered: 1 to 12 hours (a policy may set any up to 24). */
const MAX_UNLOCK = [60, 120, 240, 480, 720] as const;

/** The offered values, and the one in force if it is another (set by policy or an earlier version). */
function choices(offered: readonly number[], current: number): readonly number[] {
  return offered.includes(current)
    ? offered
    : [...offered, current].filter((m) => m > 0).sort((a, b) => a - b);
}

/**
 * When the vault locks by itself: idle minutes, the screen lock and the longest it stays unlocked
 * however busy the workstation is. A choice storage did not take says so, and the control shows
 * the choice still in force.
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
  const maxUnlock = useSettingSave(set);
  const options = choices(MINUTES, values.autoLockMinutes);
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
      <div class="field">
        <label for="max-unlock">{t('maxUnlockLabel')}</label>
        <select
          id="max-unlock"
          name="max-unlock"
          aria-describedby="max-unlock-hint"
          value={String(values.maxUnlockMinutes)}
          disabled={managed.has('maxUnlockMinutes')}
          onChange={(event) => maxUnlock.save('maxUnlockMinutes', Number(event.currentTarget.value))}
        >
          <option value="0">{t('maxUnlockNone')}</option>
          {choices(MAX_UNLOCK, values.maxUnlockMinutes).map((minutes) => (
            <option key={minutes} value={String(minutes)}>
              {durationText(minutes)}
            </option>
          ))}
        </select>
        <p id="max-unlock-hint" class="field-hint">
          {t('maxUnlockHint')}
        </p>
        <SaveFailedNote state={maxUnlock.state} testId="max-unlock-save-failed" />
        <ManagedNote managed={managed.has('maxUnlockMinutes')} />
      </div>
    </>
  );
}
