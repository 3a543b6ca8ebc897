import type { AppContext } from '../app-context';
import { authenticatorAad, openSecret, SecretIntegrityError } from './secret-box';

/** A sealed TOTP secret and the row it belongs to (an authenticator, or one being added). */
export interface SealedTotpSecret {
  readonly authenticatorId: string;
  readonly userId: number;
  readonly secretSealed: Uint8Array;
}

/**
 * The one place a TOTP secret is opened (SECURITY #11): null, logged as `secret.integrity`, when
 * the row was damaged or swapped (wrong AAD), so callers answer with a page, never a 500.
 */
export function openTotpSecret(ctx: AppContext, sealed: SealedTotpSecret): Uint8Array | null {
  try {
    return openSecret(
      ctx.keys.secrets,
      sealed.secretSealed,
      authenticatorAad(sealed.authenticatorId, sealed.userId),
    );
  } catch (err) {
    if (!(err instanceof SecretIntegrityError)) throw err;
    logSecretIntegrity(ctx, sealed.userId, sealed.authenticatorId);
    return null;
  }
}

/** A stored secret failed authentication (a damaged or swapped row): the operator sees which. */
export function logSecretIntegrity(ctx: AppContext, userId: number, authenticatorId: string): void {
  const ids = { event: 'secret.integrity', userId, authenticatorId };
  ctx.log.error(ids, 'stored secret failed authentication');
}
