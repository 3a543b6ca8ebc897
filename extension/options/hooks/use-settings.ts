import { useCallback, useEffect, useState } from 'preact/hooks';
import {
  type EffectiveSettings,
  readSettings,
  watchSettings,
  writeSetting,
} from '../../settings/read-settings';
import type { SettingKey, Settings } from '../../settings/settings';

/** Stores a setting: resolves once it is written, rejects when the write failed. */
export type SetSetting = <K extends SettingKey>(key: K, value: Settings[K]) => Promise<void>;

/** The settings in force, re-read when the policy or a setting changes; null until read. */
export function useSettings(): [EffectiveSettings | null, SetSetting] {
  const [settings, setSettings] = useState<EffectiveSettings | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      readSettings().then(
        (value) => controller.signal.aborted || setSettings(value),
        () => undefined,
      );
    void load();
    watchSettings(() => void load(), controller.signal);
    return () => controller.abort();
  }, []);
  const set = useCallback<SetSetting>(async (key, value) => {
    await writeSetting(key, value);
    // What is in force now (a policy still wins); a failed re-read keeps the page as it was.
    readSettings().then(setSettings, () => undefined);
  }, []);
  return [settings, set];
}
