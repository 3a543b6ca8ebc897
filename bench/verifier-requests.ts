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
 * The autocannon options that send a load's requests, its number of connections included (the
 * lists are made for exactly that many): spread them into `loadRun`'s options.
 */
export type PreparedLoad = Required<Pick<autocannon.Options, 'connections' | 'requests' | 'setupClient'>>;

/**
 * POST /login/code requests: user after user, each with `sessionsPerUser` of its sessions in a
 * row (the same code from several sessions at once: the replay guard's race), the code chosen for
 * that user before the run (valid in steps T and T+1, RFC 6238 §5.2).
 *
 * Every request is encoded before the run, not while it is measured. Request n goes to connection
 * n mod `connections`, so the sequence is sent in the order of the list (a user's sessions side by
 * side on neighbouring connections), and each connection walks a list of its own, which
 * autocannon encodes once (`setRequests`). Building each request in autocannon's `setupRequest`
 * while measuring cost the load generator 57–65 µs of CPU per request, on the CPUs the verifier
 * runs on; encoded before, 33–55 (a bare route's requests: 16–20).
 */
export function secondStepRequests(
  users: readonly BenchUser[],
  csrf: CsrfPair,
  code: (user: BenchUser) => string,
  options: {
    readonly connections: number;
    readonly onAnswer?: (answer: SecondStepAnswer) => void;
    readonly sessionsPerUser?: number;
  },
): PreparedLoad {
  const { connections, onAnswer, sessionsPerUser = 1 } = options;
  if (users.length === 0) throw new Error('secondStepRequests: no users');
  const codes = users.map(code);
  const lists: autocannon.Request[][] = Array.from({ length: connections }, () => []);
  // At least one request per connection: a list shorter than the users cycles, as autocannon does.
  const total = Math.max(users.length * sessionsPerUser, connections);
  for (let n = 0; n < total; n++) {
    const i = Math.floor(n / sessionsPerUser) % users.length;
    const user = users[i] as BenchUser;
    const session = user.sessionTokens[n % sessionsPerUser] ?? '';
    lists[n % connections]?.push({
      method: 'POST',
      path: '/login/code',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `sid=${session}; ${csrf.cookie}`,
      },
      body: new URLSearchParams({
        _csrf: csrf.token,
        authenticator: user.authenticatorId,
        code: codes[i] as string,
      }).toString(),
      ...(onAnswer
        ? {
            onResponse: (
              status: number,
              _body: string,
              _context: unknown,
              headers: autocannon.Request['headers'],
            ) =>
              onAnswer({
                user: i,
                status,
                location: headers?.location,
                retryAfter: headers?.['retry-after'],
                at: Date.now(),
              }),
          }
        : {}),
    });
  }
  // autocannon creates its connections one after the other, each calling setupClient once.
  let created = 0;
  return {
    connections,
    requests: lists[0]?.slice(0, 1) ?? [],
    setupClient: (client) => client.setRequests(lists[created++ % connections] ?? []),
  };
}
