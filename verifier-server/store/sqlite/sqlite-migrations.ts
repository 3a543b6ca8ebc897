/**
 * Versioned schema migrations, applied in order; `PRAGMA user_version` records the last one.
 * Never edit a released migration: append a new one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    require_2fa INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email TEXT NOT NULL,
    mobile TEXT,
    password_hash TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    throttle_until INTEGER NOT NULL DEFAULT 0,
    locked INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE authenticators (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    secret_sealed BLOB NOT NULL,
    algorithm TEXT NOT NULL,
    digits INTEGER NOT NULL,
    period INTEGER NOT NULL,
    last_step INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
  );
  CREATE INDEX authenticators_user ON authenticators(user_id);
  CREATE TABLE pending_enrollments (
    session_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    authenticator_id TEXT NOT NULL,
    name TEXT NOT NULL,
    secret_sealed BLOB NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('mfa', 'full')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    auth_time INTEGER NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE fallback_codes (
    session_hash TEXT PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    code_hash TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE fallback_sends (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    sent_at INTEGER NOT NULL
  );
  CREATE INDEX fallback_sends_user ON fallback_sends(user_id, sent_at);
  CREATE TABLE remember_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX remember_tokens_user ON remember_tokens(user_id);
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT,
    body TEXT NOT NULL,
    sent_at INTEGER NOT NULL
  );
  `,
  // 2: the password step's throttle, keyed by a hash of the username typed (known or not).
  `
  CREATE TABLE login_throttle (
    key_hash TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    until INTEGER NOT NULL DEFAULT 0,
    last_at INTEGER NOT NULL
  );
  `,
  // 3: a pending enrollment carries the OTP parameters its QR code showed; the outbox keeps its
  // messages sealed (AES-256-GCM), so the file alone shows no code (old outbox rows are dropped:
  // development messages whose codes have expired); a password counter may count per window.
  `
  ALTER TABLE pending_enrollments ADD COLUMN algorithm TEXT NOT NULL DEFAULT 'SHA1';
  ALTER TABLE pending_enrollments ADD COLUMN digits INTEGER NOT NULL DEFAULT 6;
  ALTER TABLE pending_enrollments ADD COLUMN period INTEGER NOT NULL DEFAULT 30;
  DROP TABLE outbox;
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    sealed BLOB NOT NULL,
    sent_at INTEGER NOT NULL
  );
  ALTER TABLE login_throttle ADD COLUMN window_start INTEGER NOT NULL DEFAULT 0;
  `,
  // 4: a session is named by a selector that stays and a validator that a rotation replaces
  // (store/session-key.ts), so a rotation rewrites the row's page only. Sessions under the old
  // kind of id end (their cookies no longer parse), and with them their fallback codes and
  // pending enrollments: everyone signs in once more after the upgrade.
  `
  DELETE FROM fallback_codes;
  DELETE FROM pending_enrollments;
  DROP TABLE sessions;
  CREATE TABLE sessions (
    selector TEXT PRIMARY KEY,
    validator_hash TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('mfa', 'full')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    auth_time INTEGER NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  `,
  // 5: the key check (store/key-check-store.ts): a value derived from the master key by the first
  // start, so an instance started with another key is refused instead of failing every code.
  `
  CREATE TABLE key_check (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value TEXT NOT NULL
  );
  `,
  // 6: a fallback send names its client (a keyed hash of its address, auth/fallback-send-client.ts),
  // so the sends are capped per account and client under a looser per-account ceiling (SECURITY
  // #19): one address with the password cannot use up the user's sends. Earlier sends name none
  // (''), and count for the account only.
  `
  ALTER TABLE fallback_sends ADD COLUMN client_hash TEXT NOT NULL DEFAULT '';
  `,
];
