import { DEFAULT_ACTIVITY_DB_NAME, openActivityDb } from './activity-db';
import { ACTIVITY_LIMIT, type ActivityEvent } from './activity-event';
import { ACTIVITY_CHANNEL } from './watch-activity';

export interface RecordOptions {
  readonly dbName?: string;
  readonly now?: () => number;
  /** How many entries to keep (default ACTIVITY_LIMIT). */
  readonly limit?: number;
}

/**
 * Adds one entry and lets the oldest go beyond the limit, in one transaction. Never throws: what
 * is being recorded (an unlock, a removal) has happened and stands whether or not the log could
 * be written; a failure is reported by its kind only.
 */
export async function recordActivity(event: ActivityEvent, options: RecordOptions = {}): Promise<void> {
  const { dbName = DEFAULT_ACTIVITY_DB_NAME, now = Date.now, limit = ACTIVITY_LIMIT } = options;
  // Outside a browser (a unit test of something else) there is no log to write.
  if (globalThis.indexedDB === undefined) return;
  try {
    const db = await openActivityDb(dbName);
    try {
      const tx = db.transaction('entries', 'readwrite');
      const key = await tx.store.add({ at: now(), event });
      // Keys count up by one per entry, so everything below key - limit + 1 is beyond the limit.
      const oldestKept = key - limit + 1;
      if (oldestKept > 1) await tx.store.delete(IDBKeyRange.upperBound(oldestKept, true));
      await tx.done;
    } finally {
      db.close();
    }
    // An options page showing the log reads it again (every extension page and the worker share
    // the origin, so the channel).
    const channel = new BroadcastChannel(ACTIVITY_CHANNEL);
    channel.postMessage(dbName);
    channel.close();
  } catch (error) {
    console.warn(
      'authenticator: the activity log was not written',
      error instanceof Error ? error.name : 'unknown',
    );
  }
}
