import { browserSessionStart } from '../settings/browser-session-start';
import { POLICY_DELIVERY_GRACE_MS } from '../settings/policy-in-force';

/**
 * Early in a browser session an empty policy read applies the last policy read (Chrome delivers
 * the policy a few seconds after the start; settings/policy-in-force.ts). When that time is over
 * this alarm makes the worker read the settings again (the idle interval), so that a policy
 * removed while the browser was closed is obeyed even if nothing else wakes the worker.
 */
export const SETTINGS_RECHECK_ALARM = 'settings-recheck';

export async function scheduleSettingsRecheck(): Promise<void> {
  const start = await browserSessionStart(chrome.storage.session);
  if (start === undefined) return;
  const when = start + POLICY_DELIVERY_GRACE_MS + 1000;
  if (when > Date.now()) await chrome.alarms.create(SETTINGS_RECHECK_ALARM, { when });
}
