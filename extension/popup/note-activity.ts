import type { ActivityEvent } from '../activity/activity-event';

/**
 * Keeps an event in the activity log from the popup. The log's code is fetched at the first
 * event, never at opening: the popup's first files stay within their budget (docs/extension.md,
 * "Popup speed"). Never rejects (recordActivity does not, and a failed fetch is let go).
 */
export function noteActivity(event: ActivityEvent): Promise<void> {
  // Its code not fetched (the extension updated while the popup was open): the change stands, unlogged.
  return import('../activity/record-activity').then(
    (log) => log.recordActivity(event),
    () => undefined,
  );
}
