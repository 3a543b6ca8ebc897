import { DEFAULT_ACTIVITY_DB_NAME, openActivityDb } from './activity-db';

/**
 * One entry as stored. Read as it is, not trusted: a damaged database, developer tools or a newer
 * version may have left anything there, so `at` is NaN when it is not a number and `event` is
 * whatever the entry held (activityText names only what it knows).
 */
export interface StoredActivity {
  /** The database's key: counts up with each entry, so it stays with its entry in a list. */
  readonly key: number;
  readonly at: number;
  readonly event: unknown;
}

/** Every entry kept, newest first (in the order of recording, whatever the clock did). */
export async function readActivity(dbName = DEFAULT_ACTIVITY_DB_NAME): Promise<StoredActivity[]> {
  const db = await openActivityDb(dbName);
  try {
    const tx = db.transaction('entries');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    return keys
      .map((key, index) => {
        const value: unknown = values[index];
        const entry = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
        return { key, at: typeof entry.at === 'number' ? entry.at : Number.NaN, event: entry.event };
      })
      .reverse();
  } finally {
    db.close();
  }
}
