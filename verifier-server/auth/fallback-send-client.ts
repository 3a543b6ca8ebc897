import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { loginCounterKey } from './check-password';
import { clientGroup } from './client-key';
import { deviceIdOf } from './device-cookie';

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

/** The client a fallback send is counted for, and whether the account's ceiling applies to it. */
export interface SendClient {
  readonly key: string;
  /** A device of this user (a live device cookie): its own cap only, no ceiling, no network cap. */
  readonly device: boolean;
}

/**
 * A browser with a live device cookie of this user is a client of its own (`device:<id>`, keyed
 * with the user as the network clients are); any other request is counted by its network
 * (`fallbackSendClient`).
 */
export function sendClientOf(ctx: AppContext, request: FastifyRequest, userId: number): SendClient {
  const id = deviceIdOf(ctx, request, userId);
  if (id === null) return { key: fallbackSendClient(ctx, userId, request.ip), device: false };
  return { key: loginCounterKey(ctx, `fallback-send:${userId}@device:${id}`), device: true };
}
