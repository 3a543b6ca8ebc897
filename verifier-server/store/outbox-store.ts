/** A message as the outbox keeps it: sealed, so the database file alone tells nobody a code (SECURITY #28). */
export interface SealedOutboxMessage {
  readonly id: number;
  /** AES-256-GCM of the message's JSON (outbox/outbox-transport.ts). */
  readonly sealed: Uint8Array;
  /** Milliseconds since the epoch. */
  readonly sentAt: number;
}

/** The development transport's messages (table `outbox`). */
export interface OutboxStore {
  addOutboxMessage(message: Omit<SealedOutboxMessage, 'id'>): Promise<void>;
  /** Newest first. */
  listOutbox(limit: number): Promise<SealedOutboxMessage[]>;
}
