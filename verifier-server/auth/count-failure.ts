import type { AppContext } from '../app-context';
import type { Translate } from '../i18n/translator';
import { notifyUser } from '../outbox/notify-user';
import type { FailureOutcome, User } from '../store/store';
import { lockedNow, logFailure } from './throttle';

/**
 * A failed second-factor attempt, already counted in the account throttle: logged, and when it is
 * the one that locked the account, told to its owner. Whoever caused that knew the password (an
 * attacker review showed anyone with it can lock the user out this way); the mail says how to get
 * in still and to change the password. Every path that counts a failure comes here: a wrong or
 * replayed code, a wrong fallback code, a forged remember cookie, a session that ended meanwhile.
 */
export async function countFailure(
  ctx: AppContext,
  t: Translate,
  user: Pick<User, 'id' | 'email'>,
  claim: FailureOutcome,
  reason: string,
): Promise<void> {
  logFailure(ctx, user.id, claim, reason);
  if (!lockedNow(ctx, claim)) return;
  const count = String(ctx.policy.lockAfterFailures);
  await notifyUser(ctx, t, user, 'notify.lockedSubject', 'notify.lockedBody', { count });
}
