import { openSecret, sealSecret } from '../auth/secret-box';
import type { OutboxStore } from '../store/outbox-store';
import type { MessageTransport, OutgoingMessage } from './message-transport';

/** A message as /outbox shows it. */
export interface OutboxMessage extends OutgoingMessage {
  readonly id: number;
  /** Milliseconds since the epoch. */
  readonly sentAt: number;
}

/** Binds a sealed message to the outbox (checked when data is moved: auth/sealed-with-key.ts). */
export const OUTBOX_AAD = 'outbox/v1';

/**
 * The development transport: nothing leaves the machine; /outbox and /outbox.json show what was
 * "sent". Messages are stored sealed with the outbox key, so the database file alone (a backup, a
 * copy, another local account) shows no fallback code (SECURITY #28).
 */
export function createOutboxTransport(
  store: OutboxStore,
  key: Uint8Array,
  now: () => number,
): MessageTransport {
  return {
    readable: true,
    async send({ channel, to, subject, body }) {
      const plain = new TextEncoder().encode(JSON.stringify({ channel, to, subject, body }));
      await store.addOutboxMessage({ sealed: sealSecret(key, plain, OUTBOX_AAD), sentAt: now() });
    },
  };
}

/** The newest `limit` messages, opened. A message that fails authentication is left out. */
export async function readOutbox(
  store: OutboxStore,
  key: Uint8Array,
  limit: number,
): Promise<OutboxMessage[]> {
  const messages: OutboxMessage[] = [];
  for (const { id, sealed, sentAt } of await store.listOutbox(limit)) {
    try {
      const message = JSON.parse(
        new TextDecoder().decode(openSecret(key, sealed, OUTBOX_AAD)),
      ) as OutgoingMessage;
      messages.push({ ...message, id, sentAt });
    } catch {
      // Sealed with another key (the key file was replaced): unreadable, and not worth a 500.
    }
  }
  return messages;
}
