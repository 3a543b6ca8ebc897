/**
 * Bulk fixtures for the verifier benchmark, written straight into the SQLite file before the
 * server starts. The Store API has no "create authenticator" (only enrollment does that) and
 * commits every call on its own, so the rows go in with plain SQL in one transaction; the rows
 * are exactly what enrollment and the password step would have written.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { HOTP, Secret } from 'otpauth';
import { deriveKeys } from '../verifier-server/auth/derive-keys';
import { createHashLimiter } from '../verifier-server/auth/hash-limiter';
import { createPasswordHasher } from '../verifier-server/auth/password-hasher';
import { authenticatorAad, sealSecret } from '../verifier-server/auth/secret-box';
import { hashToken, randomToken } from '../verifier-server/auth/tokens';
import { PRODUCTION_ARGON2 } from '../verifier-server/config';
import { openSqlite } from '../verifier-server/store/sqlite/open-sqlite';

/** One user with one authenticator and one half-logged-in (stage 'mfa') session. */
export interface BenchUser {
  readonly username: string;
  readonly authenticatorId: string;
  /** The raw session cookie value (the database holds only its SHA-256). */
  readonly sessionToken: string;
  readonly secret: Secret;
}

export interface BenchFixtures {
  readonly password: string;
  /** Disjoint groups, so that no run sees a session or a throttle another run used. */
  readonly groups: Readonly<Record<string, readonly BenchUser[]>>;
}

const SQL = {
  organisation: `INSERT INTO organisations (name, require_2fa) VALUES ('Bench Praktijk', 1) RETURNING id`,
  user: `INSERT INTO users (id, organisation_id, username, email, mobile, password_hash)
         VALUES (?, ?, ?, ?, NULL, ?)`,
  authenticator: `INSERT INTO authenticators
         (id, user_id, name, secret_sealed, algorithm, digits, period, last_step, created_at, last_used_at)
         VALUES (?, ?, 'Bench', ?, 'SHA1', 6, 30, -1, ?, NULL)`,
  session: `INSERT INTO sessions (id_hash, user_id, stage, created_at, expires_at, auth_time)
         VALUES (?, ?, 'mfa', ?, ?, ?)`,
};

/** Creates the schema (through the server's own migrations) and `sizes[group]` users per group. */
export async function prepareFixtures(
  databasePath: string,
  secretKey: Uint8Array,
  sizes: Readonly<Record<string, number>>,
): Promise<BenchFixtures> {
  const password = 'bench password';
  // Every user shares one production-cost argon2id hash: hashing 50,000 would take minutes.
  const hasher = await createPasswordHasher(
    PRODUCTION_ARGON2,
    createHashLimiter({ concurrency: 1, queue: 1, perClient: 1 }),
  );
  const passwordHash = await hasher.hash(password);
  const { secrets } = deriveKeys(secretKey);
  const now = Math.floor(Date.now() / 1000);
  const db = openSqlite(databasePath).db;
  const insertUser = db.prepare(SQL.user);
  const insertAuthenticator = db.prepare(SQL.authenticator);
  const insertSession = db.prepare(SQL.session);
  const groups: Record<string, BenchUser[]> = {};
  try {
    db.transaction(() => {
      const org = db.prepare<[], { id: number }>(SQL.organisation).get();
      if (!org) throw new Error('organisation insert returned nothing');
      let userId = 0;
      for (const [group, size] of Object.entries(sizes)) {
        const users: BenchUser[] = [];
        for (let i = 0; i < size; i++) {
          userId++;
          const username = `bench-${group}-${i}`;
          const authenticatorId = randomUUID();
          const secret = randomBytes(20);
          const sessionToken = randomToken();
          insertUser.run(userId, org.id, username, `${username}@bench.example`, passwordHash);
          insertAuthenticator.run(
            authenticatorId,
            userId,
            sealSecret(secrets, secret, authenticatorAad(authenticatorId, userId)),
            now,
          );
          insertSession.run(hashToken(sessionToken), userId, now, now + 3600, now);
          users.push({
            username,
            authenticatorId,
            sessionToken,
            secret: new Secret({ buffer: new Uint8Array(secret).buffer }),
          });
        }
        groups[group] = users;
      }
    }).immediate();
  } finally {
    db.close();
  }
  return { password, groups };
}

/** The code for the current 30 s step (RFC 6238: SHA1, 6 digits, T0 = 0). */
export function currentCode(user: BenchUser, nowMs = Date.now()): string {
  return HOTP.generate({ secret: user.secret, counter: Math.floor(nowMs / 30_000) });
}

/** A well-formed code that matches none of the steps T−1, T, T+1 the server accepts. */
export function wrongCode(user: BenchUser, nowMs = Date.now()): string {
  const step = Math.floor(nowMs / 30_000);
  const valid = new Set([-1, 0, 1, 2].map((d) => HOTP.generate({ secret: user.secret, counter: step + d })));
  for (let n = 0; ; n++) {
    const candidate = String((Number(currentCode(user, nowMs)) + 500_000 + n) % 1_000_000).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}
