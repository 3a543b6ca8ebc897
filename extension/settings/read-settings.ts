import { browserSessionStart } from './browser-session-start';
import { policyInForce, REMEMBERED_POLICY_KEY } from './policy-in-force';
import { localKey, SETTING_DEFAULTS, type SettingKey, type Settings, validSetting } from './settings';

/** The settings in force and which of them the organisation's policy fixed. */
export interface EffectiveSettings {
  readonly values: Settings;
  /** Set by policy: the options page shows these as locked controls. */
  readonly managed: ReadonlySet<SettingKey>;
}

interface Area {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
}
interface WritableArea extends Area {
  set(items: Record<string, unknown>): Promise<void>;
  remove?(keys: string | string[]): Promise<void>;
}
type ChangeListener = (changes: Record<string, unknown>, areaName: string) => void;
interface ChangedEvent {
  addListener(listener: ChangeListener): void;
  removeListener(listener: ChangeListener): void;
}
interface StorageApi {
  readonly local?: WritableArea;
  readonly managed?: Area;
  readonly session?: WritableArea;
}

function storage(): StorageApi | undefined {
  return (globalThis as { chrome?: { storage?: StorageApi } }).chrome?.storage;
}

const KEYS = Object.keys(SETTING_DEFAULTS) as SettingKey[];

/** Pure: policy first, then the user's choice, then the default; values of the wrong type are ignored. */
export function resolveSettings(
  policy: Record<string, unknown>,
  local: Record<string, unknown>,
): EffectiveSettings {
  const values: Record<string, unknown> = {};
  const managed = new Set<SettingKey>();
  for (const key of KEYS) {
    const fromPolicy = validSetting(key, policy[key]);
    if (fromPolicy !== undefined) managed.add(key);
    values[key] = fromPolicy ?? validSetting(key, local[localKey(key)]) ?? SETTING_DEFAULTS[key];
  }
  return { values: values as unknown as Settings, managed };
}

/**
 * Reads the policy (chrome.storage.managed: empty without one, and absent outside the extension)
 * and the user's settings. A failing managed read (no policy support) counts as an empty one.
 * Chrome delivers the policy a few seconds after the browser starts: an empty read in the first
 * minute of the browser session applies the last policy read instead (policy-in-force.ts).
 */
export async function readSettings(): Promise<EffectiveSettings> {
  const area = storage();
  const none: Record<string, unknown> = {};
  const [managed, local] = await Promise.all([
    area?.managed?.get(null).catch(() => none) ?? none,
    area?.local?.get([...KEYS.map(localKey), REMEMBERED_POLICY_KEY]) ?? none,
  ]);
  const remembered = local[REMEMBERED_POLICY_KEY];
  // The browser session's start matters only to an empty policy read with a remembered copy (the
  // worker records it when it starts): one storage round trip less on every other read, the
  // popup's opening among them.
  const sessionStart =
    Object.keys(managed).length === 0 && remembered !== undefined
      ? await browserSessionStart(area?.session)
      : undefined;
  const policy = await policyInForce(managed, remembered, sessionStart, area?.local);
  return resolveSettings(policy, local);
}

/** Stores the user's choice. A managed setting still follows the policy. */
export async function writeSetting<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
  if (validSetting(key, value) === undefined) throw new RangeError(`Invalid value for ${key}`);
  await storage()?.local?.set({ [localKey(key)]: value });
}

/** Calls `onChange` when the policy or a user setting changes, until `signal` aborts. */
export function watchSettings(onChange: () => void, signal: AbortSignal): void {
  const events = (globalThis as { chrome?: { storage?: { onChanged?: ChangedEvent } } }).chrome?.storage
    ?.onChanged;
  if (events === undefined) return;
  const listener: ChangeListener = (changes, areaName) => {
    if (areaName === 'managed' || Object.keys(changes).some((key) => key.startsWith('settings.'))) onChange();
  };
  events.addListener(listener);
  signal.addEventListener('abort', () => events.removeListener(listener), { once: true });
}
