import { OUTBOX_AAD } from '../outbox/outbox-transport';
import { deriveKeys } from './derive-keys';
import { authenticatorAad, openSecret, SecretIntegrityError } from './secret-box';

/** Whether sealed values open with a master key; what they hold is wiped at once and never returned. */
export interface SealedWithKey {
  /** A TOTP secret of an authenticator or a pending enrollment, bound to its row. */
  totpSecret(sealed: Uint8Array, authenticatorId: string, userId: number): boolean;
  /** A development outbox message. */
  outboxMessage(sealed: Uint8Array): boolean;
}

/**
 * Checks data sealed elsewhere (another database's rows) against the key this configuration
 * uses, before that data is trusted to work here: a secret that does not open would leave its
 * authenticator unusable (409, the fallback) after a move.
 */
export function sealedWithKey(master: Uint8Array): SealedWithKey {
  const keys = deriveKeys(master);
  const opens = (key: Uint8Array, sealed: Uint8Array, aad: string): boolean => {
    try {
      openSecret(key, sealed, aad).fill(0);
      return true;
    } catch (error) {
      if (error instanceof SecretIntegrityError) return false;
      throw error;
    }
  };
  return {
    totpSecret: (sealed, authenticatorId, userId) =>
      opens(keys.secrets, sealed, authenticatorAad(authenticatorId, userId)),
    outboxMessage: (sealed) => opens(keys.outbox, sealed, OUTBOX_AAD),
  };
}
