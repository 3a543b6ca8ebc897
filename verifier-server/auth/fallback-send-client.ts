import type { AppContext } from '../app-context';
import { loginCounterKey } from './check-password';
import { clientGroup } from './client-key';

/**
 * The client a fallback send of `userId` is counted for (SECURITY #19): the network as the
 * password-hashing queue shares by it (`clientGroup`: an IPv4 address, an IPv6 /48; behind a proxy
 * the address `VERIFIER_TRUST_PROXY` lets Fastify read from X-Forwarded-For). Not the /64 of the
 * password throttle: an attacker review showed one home connection with a /56 holding 256 /64s,
 * enough to reach the account's ceiling alone. Stored keyed, with the user in it, as the password
 * throttle's counter names are: an address is personal data, a database copy alone cannot test
 * guesses against it, nor tell which accounts asked for codes from one network (the caps compare
 * one user's rows only).
 */
export function fallbackSendClient(ctx: Pick<AppContext, 'keys'>, userId: number, ip: string): string {
  return loginCounterKey(ctx, `fallback-send:${userId}@${clientGroup(ip)}`);
}
