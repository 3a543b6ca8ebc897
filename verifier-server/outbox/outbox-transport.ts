import type { Store } from '../store/store';
import type { MessageTransport } from './message-transport';

/** The development transport: nothing leaves the machine; /outbox and /outbox.json show what was "sent". */
export function createOutboxTransport(store: Store, now: () => number): MessageTransport {
  return {
    readable: true,
    async send(message) {
      await store.addOutboxMessage({ ...message, sentAt: now() });
    },
  };
}
