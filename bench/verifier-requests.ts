import type autocannon from 'autocannon';
import type { BenchUser } from './verifier-fixtures';

export interface CsrfPair {
  readonly cookie: string;
  readonly token: string;
}

/** GET /login once: the signed `_csrf` cookie and a token for it, reused by every POST. */
export async function csrfPair(url: string): Promise<CsrfPair> {
  const response = await fetch(`${url}/login`);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('_csrf='))
    ?.split(';')[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1];
  if (!cookie || !token) throw new Error('GET /login gave no _csrf cookie or token');
  return { cookie, token };
}

export interface SecondStepAnswer {
  readonly user: number;
  readonly status: number;
  readonly location: string | undefined;
  readonly retryAfter: string | undefined;
  /** Milliseconds since the epoch when the answer arrived. */
  readonly at: number;
}

/**
 * POST /login/code requests: user after user, each with `sessionsPerUser` of its sessions in a
 * row (the same code from several sessions at once: the replay guard's race), the code chosen for
 * that user before the run (valid in steps T and T+1, RFC 6238 §5.2).
 */
export function secondStepRequests(
  users: readonly BenchUser[],
  csrf: CsrfPair,
  code: (user: BenchUser) => string,
  onAnswer?: (answer: SecondStepAnswer) => void,
  sessionsPerUser = 1,
): autocannon.Request[] {
  let next = 0;
  const codes = users.map(code);
  type Context = { user?: number };
  return [
    {
      method: 'POST',
      path: '/login/code',
      setupRequest: (request, context: Context) => {
        const n = next++;
        const i = Math.floor(n / sessionsPerUser) % users.length;
        const user = users[i] as BenchUser;
        context.user = i;
        const body = new URLSearchParams({
          _csrf: csrf.token,
          authenticator: user.authenticatorId,
          code: codes[i] as string,
        }).toString();
        const session = user.sessionTokens[n % sessionsPerUser] ?? '';
        return {
          ...request,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: `sid=${session}; ${csrf.cookie}`,
          },
          body,
        };
      },
      ...(onAnswer
        ? {
            onResponse: (
              status: number,
              _body: string,
              context: Context,
              headers: autocannon.Request['headers'],
            ) =>
              onAnswer({
                user: context.user ?? -1,
                status,
                location: headers?.location,
                retryAfter: headers?.['retry-after'],
                at: Date.now(),
              }),
          }
        : {}),
    },
  ];
}
