/**
 * The most logged-in sessions one user keeps. With a remember token (which spares the code) the
 * account holder's password opens a logged-in session as fast as passwords are hashed, and each
 * lives 8 hours; without a bound the table grows by the hour. The purge (every five minutes) ends
 * the oldest beyond it. A practice's shared account with every workstation and browser signed in
 * stays far below it.
 *
 * Half-finished logins (stage mfa) are not capped: they expire within 10 minutes, so the purge
 * already bounds them, and a cap would let someone who knows only the password end the real
 * user's login while they type their code (the oldest would go first).
 */
export const FULL_SESSIONS_PER_USER = 100;

/**
 * SQLite (one writer at a time, so nothing changes between the ranking and the delete): the
 * newest FULL_SESSIONS_PER_USER of each user's full sessions stay, newest by created_at (which a
 * rotation renews); only users over the bound are ranked. `?` is the bound, twice.
 */
export const END_FULL_SESSIONS_OVER_CAP_SQLITE = `DELETE FROM sessions WHERE selector IN (
  SELECT selector FROM (
    SELECT selector,
           row_number() OVER (PARTITION BY user_id ORDER BY created_at DESC, selector) AS rank
    FROM sessions
    WHERE stage = 'full'
      AND user_id IN (SELECT user_id FROM sessions WHERE stage = 'full' GROUP BY user_id HAVING count(*) > ?)
  ) ranked
  WHERE rank > ?)`;

/**
 * PostgreSQL, where logins and password changes run beside it: the rows ranked for deletion are
 * locked with SKIP LOCKED, so the purge never waits for a login, a rotation or a password change
 * (which lock a user's sessions in selector order) and cannot deadlock with them; a busy row
 * waits for the next round. Locked, a row is checked again as it is now (READ COMMITTED): one
 * that a login rotated meanwhile (a new created_at) is no longer the one ranked, and stays. `$1`
 * is the bound.
 */
export const END_FULL_SESSIONS_OVER_CAP_POSTGRES = `WITH ranked AS (
    SELECT selector, created_at,
           row_number() OVER (PARTITION BY user_id ORDER BY created_at DESC, selector) AS rank
    FROM sessions
    WHERE stage = 'full'
      AND user_id IN (SELECT user_id FROM sessions WHERE stage = 'full' GROUP BY user_id HAVING count(*) > $1)
  ),
  doomed AS (
    SELECT s.selector FROM sessions s JOIN ranked r ON s.selector = r.selector
    WHERE r.rank > $1 AND s.stage = 'full' AND s.created_at = r.created_at
    ORDER BY s.selector
    FOR UPDATE OF s SKIP LOCKED
  )
  DELETE FROM sessions WHERE selector IN (SELECT selector FROM doomed)`;
