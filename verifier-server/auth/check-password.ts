import type { FastifyRequest } from 'fastify';
import { foldUsername } from '../account/fold-username';
import type { AppContext } from '../app-context';
import type { LoginClaim, Session, UserWithOrganisation } from '../store/store';
import { clientGroup, clientKey } from './client-key';
import type { HashLane } from './hash-limiter';
import { type RememberedState, rememberedState } from './remember-browser';
import { keyedHash } from './tokens';

export type PasswordCheck =
  | {
      readonly ok: true;
      readonly user: UserWithOrganisation;
      /** What the browser's remember cookie said about the user ('none' when a session asked). */
      readonly remembered: RememberedState;
    }
  | PasswordFailure<{ readonly reason: 'wrong' }>
  | PasswordFailure<{ readonly reason: 'wait'; readonly seconds: number }>;

/**
 * A refusal. `userId`: the account the name found, for the server's log only (undefined for an
 * unknown name); the answer to the browser never depends on it (SECURITY #13).
 */
type PasswordFailure<T> = T & { readonly ok: false; readonly userId: number | undefined };

/**
 * The stored key of a password-throttle counter: keyed (HMAC), as the name in it may be anything
 * typed into the username field, a password too, and the address is personal data.
 */
export function loginCounterKey(ctx: Pick<AppContext, 'keys'>, counter: string): string {
  return keyedHash(ctx.keys.loginThrottle, counter);
}

/**
 * The counters one attempt claims (SECURITY #30; docs/security.md, "The password throttle"). A
 * browser that already proved itself for this name (`proven`: a live remember-browser token, or
 * the full session of "Bevestig uw wachtwoord") claims only its own. Anyone else claims the name's
 * counter at their address and, looser, the name's counter across all addresses. An attacker's
 * failures thus slow the attacker, not the user's workstation; many addresses together still
 * reach the name's ceiling.
 */
function claimsFor(ctx: AppContext, name: string, address: string, proven: string | null): LoginClaim[] {
  const { freeLoginFailures: free, maxLoginDelaySeconds: maxDelay } = ctx.policy;
  const keyHash = (counter: string) => loginCounterKey(ctx, counter);
  if (proven !== null) return [{ keyHash: keyHash(`login:${name}#${proven}`), free, maxDelay }];
  return [
    { keyHash: keyHash(`login:${name}@${address}`), free, maxDelay },
    {
      keyHash: keyHash(`login:${name}`),
      free: ctx.policy.freeLoginFailuresPerName,
      maxDelay,
      window: ctx.policy.loginWindowSeconds,
    },
  ];
}

/**
 * Checks a username and password behind the password throttle. The attempt is claimed before the
 * password is hashed (SECURITY #31), so parallel guesses cannot outrun the delay. An unknown name
 * costs one argon2id verification and is throttled and answered exactly like a known one, so
 * neither reveals which names exist (SECURITY #13). `session`: the full session asking again
 * ("Bevestig uw wachtwoord", a password change).
 */
export async function checkPassword(
  ctx: AppContext,
  request: FastifyRequest,
  username: string,
  password: string,
  session?: Session,
): Promise<PasswordCheck> {
  const user = username === '' ? null : await ctx.store.findUserByName(username);
  // The counters' name: the account the store found, however it was spelled, or else the name as
  // typed, folded exactly as the stores compare names (else a spelling the store does not join but
  // the counter does would tell by the counter whether a name exists). Never visible: both kinds
  // are throttled and answered alike.
  const name = user ? `user:${user.id}` : `name:${foldUsername(username)}`;
  const remembered: RememberedState =
    user && session === undefined ? await rememberedState(ctx, request, user.id) : { kind: 'none' };
  const proven =
    session !== undefined
      ? `session:${session.idHash}`
      : remembered.kind === 'remembered'
        ? `remember:${remembered.tokenHash}`
        : null;
  const client = clientKey(request.ip);
  const lane: HashLane = {
    client,
    group: clientGroup(request.ip),
    trusted: proven !== null,
    ...(proven === null ? {} : { proof: proven }),
  };
  // Refused for load (429, "try again") before anything is counted: not a wrong password.
  ctx.passwords.ensureRoom(lane);
  const claims = claimsFor(ctx, name, client, proven);
  const claim = await ctx.store.claimLoginAttempt(claims, ctx.nowSeconds());
  if (!claim.ok) return { ok: false, reason: 'wait', seconds: claim.wait, userId: user?.id };
  const passwordOk = await ctx.passwords.verify(password, user?.passwordHash ?? null, lane);
  if (!user || !passwordOk) return { ok: false, reason: 'wrong', userId: user?.id };
  await ctx.store.resetLoginAttempts(claims.map((c) => c.keyHash));
  return { ok: true, user, remembered };
}
