import type { SecurityPolicy } from '../config';
import type { FallbackSend } from '../store/store';

/** The window of the send caps (`policy.fallbackSendsPerClientPerHour`, `policy.fallbackSendsPerHour`). */
export const SEND_WINDOW_SECONDS = 3600;

/**
 * A reached send cap: whose (this client network's, this device's, or the account's across all
 * clients), its limit, and when a send fits again (Unix seconds).
 */
export interface SendCap {
  readonly scope: 'client' | 'device' | 'account';
  readonly limit: number;
  readonly retryAt: number;
}

type SendLimits = Pick<SecurityPolicy, 'fallbackSendsPerClientPerHour' | 'fallbackSendsPerHour'>;

/**
 * The cap that stops a send from `client` now, or null while both admit one (SECURITY #19).
 * `sends`: the account's sends of the window, oldest first. A cap admits a send again once all but
 * `limit − 1` of its sends have left the window: when the (n − limit + 1)-th oldest is an hour old.
 * With both reached, the one that admits a send later is named (the client's on a tie): that is
 * when a send fits. A `device` (a browser with a live device cookie of this user) has its own cap
 * only: the account's ceiling does not hold it, though its sends count toward it for the others.
 */
export function fallbackSendCap(
  sends: readonly FallbackSend[],
  client: string,
  policy: SendLimits,
  now: number,
  device = false,
): SendCap | null {
  const capOf = (scope: SendCap['scope'], times: readonly number[], limit: number): SendCap | null => {
    const blocking = times[times.length - limit];
    if (blocking === undefined) return null;
    return { scope, limit, retryAt: Math.max(now + 1, blocking + SEND_WINDOW_SECONDS) };
  };
  const mine = sends.filter((s) => s.client === client).map((s) => s.sentAt);
  const own = capOf(device ? 'device' : 'client', mine, policy.fallbackSendsPerClientPerHour);
  if (device) return own;
  const account = capOf(
    'account',
    sends.map((s) => s.sentAt),
    policy.fallbackSendsPerHour,
  );
  if (own === null || account === null) return own ?? account;
  return account.retryAt > own.retryAt ? account : own;
}
