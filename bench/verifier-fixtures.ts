/**
 * Bulk fixtures for the verifier benchmark, written straight into the database before the server
 * starts. The Store API has no "create authenticator" (only enrollment does that) and commits
 * every call on its own, so the rows go in with plain SQL in bulk (one transaction in SQLite,
 * batches of unnest() arrays in PostgreSQL); the rows are exactly what enrollment and the
 * password step would have written. The schema comes from the server's own migrations.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { HOTP, Secret } from 'otpauth';
import pg from 'pg';
import { deriveKeys } from '../verifier-server/auth/derive-keys';
import { createHashLimiter } from '../verifier-server/auth/hash-limiter';
import { createPasswordHasher } from '../verifier-server/auth/password-hasher';
import { authenticatorAad, sealSecret } from '../verifier-server/auth/secret-box';
import { newSessionToken } from '../verifier-server/auth/session-token';
import { PRODUCTION_ARGON2 } from '../verifier-server/config';
import { createPostgresStore } from '../verifier-server/store/postgres/create-postgres-store';
import { DEFAULT_POSTGRES } from '../verifier-server/store/postgres/postgres-db';
import { splitSessionKey } from '../verifier-server/store/session-key';
import { openSqlite } from '../verifier-server/store/sqlite/open-sqlite';

/** One user with one authenticator and one or more half-logged-in (stage 'mfa') sessions. */
export interface BenchUser {
  readonly username: string;
  readonly authenticatorId: string;
  /** The raw session cookie values (the database holds only their SHA-256). */
  readonly sessionTokens: readonly string[];
  readonly secret: Secret;
}

export interface BenchFixtures {
  readonly password: string;
  /** Disjoint groups, so that no run sees a session or a throttle another run used. */
  readonly groups: Readonly<Record<string, readonly BenchUser[]>>;
}

/** Where the rows go: a SQLite file, or a PostgreSQL URL (its search_path picks the schema). */
export type BenchDatabase = { readonly sqlite: string } | { readonly postgres: string };

interface Rows {
  readonly users: Array<{ id: number; username: string }>;
  readonly authenticators: Array<{ id: string; userId: number; sealed: Buffer }>;
  readonly sessions: Array<{ selector: string; validatorHash: string; userId: number }>;
}

/** Creates the schema and `sizes[group]` users per group, each with `sessionsPerUser` sessions. */
export async function prepareFixtures(
  database: BenchDatabase,
  secretKey: Uint8Array,
  sizes: Readonly<Record<string, number>>,
  sessionsPerUser = 1,
): Promise<BenchFixtures> {
  const password = 'bench password';
  // Every user shares one production-cost argon2id hash: hashing 50,000 would take minutes.
  const hasher = await createPasswordHasher(
    PRODUCTION_ARGON2,
    createHashLimiter({ concurrency: 1, queue: 1, perClient: 1 }),
  );
  const passwordHash = await hasher.hash(password);
  const { secrets } = deriveKeys(secretKey);
  const rows: Rows = { users: [], authenticators: [], sessions: [] };
  const groups: Record<string, BenchUser[]> = {};
  let userId = 0;
  for (const [group, size] of Object.entries(sizes)) {
    const users: BenchUser[] = [];
    for (let i = 0; i < size; i++) {
      userId++;
      const username = `bench-${group}-${i}`;
      const authenticatorId = randomUUID();
      const secret = randomBytes(20);
      const made = Array.from({ length: sessionsPerUser }, () => newSessionToken());
      const sessionTokens = made.map((m) => m.token);
      rows.users.push({ id: userId, username });
      rows.authenticators.push({
        id: authenticatorId,
        userId,
        sealed: Buffer.from(sealSecret(secrets, secret, authenticatorAad(authenticatorId, userId))),
      });
      for (const { idHash } of made) rows.sessions.push({ ...splitSessionKey(idHash), userId });
      users.push({
        username,
        authenticatorId,
        sessionTokens,
        secret: new Secret({ buffer: new Uint8Array(secret).buffer }),
      });
    }
    groups[group] = users;
  }
  const now = Math.floor(Date.now() / 1000);
  if ('sqlite' in database) writeSqlite(database.sqlite, rows, passwordHash, now);
  else await writePostgres(database.postgres, rows, passwordHash, now);
  return { password, groups };
}

function writeSqlite(path: string, rows: Rows, passwordHash: string, now: number): void {
  const db = openSqlite(path).db;
  try {
    const user = db.prepare(
      `INSERT INTO users (id, organisation_id, username, email, mobile, password_hash) VALUES (?, ?, ?, ?, NULL, ?)`,
    );
    const authenticator = db.prepare(
      `INSERT INTO authenticators (id, user_id, name, secret_sealed, algorithm, digits, period, last_step, created_at, last_used_at)
       VALUES (?, ?, 'Bench', ?, 'SHA1', 6, 30, -1, ?, NULL)`,
    );
    const session = db.prepare(
      `INSERT INTO sessions (selector, validator_hash, user_id, stage, created_at, expires_at, auth_time)
       VALUES (?, ?, ?, 'mfa', ?, ?, ?)`,
    );
    db.transaction(() => {
      const org = db
        .prepare<[], { id: number }>(
          `INSERT INTO organisations (name, require_2fa) VALUES ('Bench Praktijk', 1) RETURNING id`,
        )
        .get();
      if (!org) throw new Error('organisation insert returned nothing');
      for (const u of rows.users)
        user.run(u.id, org.id, u.username, `${u.username}@bench.example`, passwordHash);
      for (const a of rows.authenticators) authenticator.run(a.id, a.userId, a.sealed, now);
      for (const s of rows.sessions) session.run(s.selector, s.validatorHash, s.userId, now, now + 3600, now);
    }).immediate();
  } finally {
    db.close();
  }
}

const BATCH = 5_000;

async function writePostgres(url: string, rows: Rows, passwordHash: string, now: number): Promise<void> {
  // The server's own migrations make the schema.
  await (await createPostgresStore({ ...DEFAULT_POSTGRES, url }, () => undefined)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const batches = async <T>(list: readonly T[], write: (batch: readonly T[]) => Promise<unknown>) => {
    for (let i = 0; i < list.length; i += BATCH) await write(list.slice(i, i + BATCH));
  };
  try {
    await client.query('BEGIN');
    const org = await client.query<{ id: number }>(
      `INSERT INTO organisations (name, require_2fa) VALUES ('Bench Praktijk', true) RETURNING id`,
    );
    const orgId = org.rows[0]?.id;
    await batches(rows.users, (b) =>
      client.query(
        `INSERT INTO users (id, organisation_id, username, email, mobile, password_hash)
         SELECT id, $2, name, name || '@bench.example', NULL, $3 FROM unnest($1::int[], $4::text[]) AS u(id, name)`,
        [b.map((u) => u.id), orgId, passwordHash, b.map((u) => u.username)],
      ),
    );
    await client.query(`SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users))`);
    await batches(rows.authenticators, (b) =>
      client.query(
        `INSERT INTO authenticators (id, user_id, name, secret_sealed, algorithm, digits, period, last_step, created_at, last_used_at)
         SELECT id, user_id, 'Bench', sealed, 'SHA1', 6, 30, -1, $4, NULL
         FROM unnest($1::text[], $2::int[], $3::bytea[]) AS a(id, user_id, sealed)`,
        [b.map((a) => a.id), b.map((a) => a.userId), b.map((a) => a.sealed), now],
      ),
    );
    await batches(rows.sessions, (b) =>
      client.query(
        `INSERT INTO sessions (selector, validator_hash, user_id, stage, created_at, expires_at, auth_time)
         SELECT selector, validator_hash, user_id, 'mfa', $3, $4, $3
         FROM unnest($1::text[], $5::text[], $2::int[]) AS s(selector, validator_hash, user_id)`,
        [b.map((s) => s.selector), b.map((s) => s.userId), now, now + 3600, b.map((s) => s.validatorHash)],
      ),
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
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
