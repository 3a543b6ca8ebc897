import type { AppContext } from '../app-context';
import { loginCounterKey } from './check-password';
import { clientKey } from './client-key';

/**
 * The client a fallback send is counted for (SECURITY #19): the address as the password throttle
 * counts it (`clientKey`: IPv6 by its /64; behind a proxy the address `VERIFIER_TRUST_PROXY` lets
 * Fastify read from X-Forwarded-For), stored keyed, as the password throttle's counter names are:
 * an address is personal data, and a database copy alone cannot test guesses against it.
 */
export function fallbackSendClient(ctx: Pick<AppContext, 'keys'>, ip: string): string {
  return loginCounterKey(ctx, `fallback-send@${clientKey(ip)}`);
}
