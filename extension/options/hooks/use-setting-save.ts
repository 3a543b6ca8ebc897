import { useCallback, useRef, useState } from 'preact/hooks';
import type { SettingKey, Settings } from '../../settings/settings';
import type { SetSetting } from './use-settings';

/** Where a setting's last write stands: nothing asked, under way, written, or refused by storage. */
export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export interface SettingSave {
  readonly state: SaveState;
  /** Writes the value; the state follows the write of the latest call only. */
  save<K extends SettingKey>(key: K, value: Settings[K]): void;
  /** The user changed the control again: a write still under way no longer speaks for it. */
  reset(): void;
}

/**
 * One control's write to storage and what came of it, so that the page says "Opgeslagen." only
 * once the write resolved, and that it failed when it rejected: a control that saves itself must
 * never claim a save that did not happen.
 */
export function useSettingSave(set: SetSetting): SettingSave {
  const [state, setState] = useState<SaveState>('idle');
  const latest = useRef(0);
  const save = useCallback(
    <K extends SettingKey>(key: K, value: Settings[K]) => {
      const attempt = ++latest.current;
      setState('saving');
      set(key, value).then(
        () => attempt === latest.current && setState('saved'),
        () => attempt === latest.current && setState('failed'),
      );
    },
    [set],
  );
  const reset = useCallback(() => {
    latest.current++;
    setState('idle');
  }, []);
  return { state, save, reset };
}
