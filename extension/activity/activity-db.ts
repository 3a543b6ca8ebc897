import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { ActivityEntry } from './activity-event';

/**
 * Its own database beside the vault's (`totp-vault`): it holds no secret, so it needs none of the
 * vault's keys, and an erased vault leaves it (the erase is in it). Only extension pages and the
 * worker reach it: a web page, and the content script in it, have another origin.
 */
export const DEFAULT_ACTIVITY_DB_NAME = 'totp-activity';

export interface ActivityDB extends DBSchema {
  /** Keys count up (autoIncrement): the key order is the order of recording. */
  entries: { key: number; value: ActivityEntry };
}

export type ActivityDatabase = IDBPDatabase<ActivityDB>;

export function openActivityDb(name = DEFAULT_ACTIVITY_DB_NAME): Promise<ActivityDatabase> {
  return openDB<ActivityDB>(name, 1, {
    upgrade(db) {
      db.createObjectStore('entries', { autoIncrement: true });
    },
    // A newer version wants to upgrade: step aside, as the vault does.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}
