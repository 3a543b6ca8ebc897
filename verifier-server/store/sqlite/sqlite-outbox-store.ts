import type { OutboxStore } from '../outbox-store';
import { type OutboxRow, toOutbox } from '../store-rows';
import type { SqliteDb } from './sqlite-db';

export function sqliteOutboxStore({ statement }: SqliteDb): OutboxStore {
  const sql = {
    add: statement('INSERT INTO outbox (sealed, sent_at) VALUES (?, ?)'),
    list: statement<OutboxRow>('SELECT * FROM outbox ORDER BY id DESC LIMIT ?'),
  };
  return {
    async addOutboxMessage(m) {
      sql.add.run(m.sealed, m.sentAt);
    },
    async listOutbox(limit) {
      return sql.list.all(limit).map(toOutbox);
    },
  };
}
