import { SETTING_DEFAULTS, type SettingKey, validSetting } from './settings';

/**
 * chrome.storage.local: the last policy read that was not empty, its valid values only (the
 * policy's settings hold no secret). Used while Chrome has not yet delivered the policy after a
 * browser start: until then chrome.storage.managed reads empty.
 */
export const REMEMBERED_POLICY_KEY = 'policy.remembered';

/**
 * How long after the browser session's start an empty managed read is taken for a policy Chrome
 * has not delivered yet (it takes a few seconds) rather than for no policy. Later, an empty read
 * means the policy was removed.
 */
export const POLICY_DELIVERY_GRACE_MS = 60_000;

interface LocalArea {
  set(items: Record<string, unknown>): Promise<void>;
  remove?(keys: string | string[]): Promise<void>;
}

const KEYS = Object.keys(SETTING_DEFAULTS) as SettingKey[];

/** The policy's valid settings, in a fixed order; anything else is dropped. */
function policyValues(raw: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (typeof raw !== 'object' || raw === null) return values;
  for (const key of KEYS) {
    const value = validSetting(key, (raw as Record<string, unknown>)[key]);
    if (value !== undefined) values[key] = value;
  }
  return values;
}

function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}

/**
 * The policy to apply, given what chrome.storage.managed returned (`{}` when it failed), the
 * remembered copy, and when the browser session started (undefined: unknown).
 *
 * - A managed read with anything in it wins, and replaces the remembered copy.
 * - An empty one within POLICY_DELIVERY_GRACE_MS of the session's start (or when the start is
 *   unknown, or later than now: a clock stepped back since it was recorded) is a policy not
 *   delivered yet: the remembered copy applies.
 * - An empty one really later means no policy: the copy is forgotten, so a removed policy is obeyed.
 */
export async function policyInForce(
  managed: Record<string, unknown>,
  remembered: unknown,
  sessionStart: number | undefined,
  local: LocalArea | undefined,
): Promise<Record<string, unknown>> {
  const copy = policyValues(remembered);
  if (Object.keys(managed).length > 0) {
    const current = policyValues(managed);
    const hasCopy = remembered !== undefined;
    try {
      if (Object.keys(current).length === 0) {
        if (hasCopy) await local?.remove?.(REMEMBERED_POLICY_KEY);
      } else if (!hasCopy || !sameValues(current, copy)) {
        await local?.set({ [REMEMBERED_POLICY_KEY]: current });
      }
    } catch {
      // Not remembered this time: the policy read still applies.
    }
    return managed;
  }
  if (remembered === undefined) return {};
  // Negative: the wall clock was stepped back after the start was recorded. That is no sign the
  // window is over; taking it for one would apply the defaults, the gap the window closes.
  const elapsed = sessionStart === undefined ? 0 : Date.now() - sessionStart;
  if (elapsed < POLICY_DELIVERY_GRACE_MS) return copy;
  try {
    await local?.remove?.(REMEMBERED_POLICY_KEY);
  } catch {
    // Tried again at the next read.
  }
  return {};
}
