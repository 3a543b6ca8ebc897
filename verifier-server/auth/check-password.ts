import type { AppContext } from '../app-context';
import type { UserWithOrganisation } from '../store/store';
import { hashToken } from './tokens';

export type PasswordCheck =
  | { readonly ok: true; readonly user: UserWithOrganisation }
  | { readonly ok: false; readonly reason: 'wrong' }
  | { readonly ok: false; readonly reason: 'wait'; readonly seconds: number };

/**
 * Checks a username and password behind a per-username throttle (guessing a password gets slow
 * after a few tries). An unknown name costs one argon2id verification and is throttled and
 * answered exactly like a known one, so neither reveals which names exist (SECURITY #13).
 */
export async function checkPassword(
  ctx: AppContext,
  username: string,
  password: string,
): Promise<PasswordCheck> {
  const key = hashToken(`login:${username.toLocaleLowerCase('en')}`);
  const wait = await ctx.store.loginWait(key, ctx.nowSeconds());
  if (wait !== null) return { ok: false, reason: 'wait', seconds: wait };
  const user = username === '' ? null : await ctx.store.findUserByName(username);
  const passwordOk = await ctx.passwords.verify(password, user?.passwordHash ?? null);
  if (!user || !passwordOk) {
    // Not claimed before hashing (that would slow concurrent correct logins of one person):
    // parallel guesses are bounded by the hashing limiter instead, and then by this delay.
    const limits = { free: ctx.policy.freeLoginFailures, maxDelay: ctx.policy.maxLoginDelaySeconds };
    await ctx.store.recordLoginFailure(key, ctx.nowSeconds(), limits);
    return { ok: false, reason: 'wrong' };
  }
  await ctx.store.resetLoginAttempts(key);
  return { ok: true, user };
}
