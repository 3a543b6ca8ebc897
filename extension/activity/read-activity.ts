import { DEFAULT_ACTIVITY_DB_NAME, openActivityDb } from './activity-db';
import type { ActivityEntry } from './activity-event';

/** Every entry kept, newest first. */
export async function readActivity(dbName = DEFAULT_ACTIVITY_DB_NAME): Promise<ActivityEntry[]> {
  const db = await openActivityDb(dbName);
  try {
    return (await db.getAll('entries')).reverse();
  } finally {
    db.close();
  }
}
