import type { FallbackChannel } from '../store/store';

export interface OutgoingMessage {
  readonly channel: FallbackChannel;
  /** An e-mail address or a mobile number. */
  readonly to: string;
  readonly subject: string | null;
  readonly body: string;
}

/** Delivers e-mail and SMS. Production would plug in an SMTP or SMS gateway here. */
export interface MessageTransport {
  send(message: OutgoingMessage): Promise<void>;
  /** True when sent messages can be read back at /outbox (development only). */
  readonly readable: boolean;
}
