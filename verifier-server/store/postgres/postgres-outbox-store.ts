import type { OutboxStore } from '../outbox-store';
import { type OutboxRow, toOutbox } from '../store-rows';
import type { PostgresDb } from './postgres-db';

export function postgresOutboxStore(db: PostgresDb): OutboxStore {
  return {
    async addOutboxMessage(m) {
      await db.query('INSERT INTO outbox (sealed, sent_at) VALUES ($1, $2)', [
        Buffer.from(m.sealed),
        m.sentAt,
      ]);
    },
    async listOutbox(limit) {
      const rows = await db.query<OutboxRow>('SELECT * FROM outbox ORDER BY id DESC LIMIT $1', [limit]);
      return rows.map(toOutbox);
    },
  };
}
