/**
 * The most sessions one user keeps per stage (half logged in, logged in). Whoever knows the
 * password (and holds a remember token, which spares the code) can open sessions as fast as
 * passwords are hashed; without a bound the table grows by the hour. The purge (every five
 * minutes) ends the oldest beyond it, per stage, so a flood of half-finished logins never ends a
 * logged-in session. A practice's shared account with every workstation and browser signed in
 * stays far below it.
 */
export const SESSIONS_PER_USER_AND_STAGE = 100;

/**
 * Ends, per user and stage, every session but the newest SESSIONS_PER_USER_AND_STAGE (newest by
 * created_at, which a rotation renews); only users over the bound are ranked. One statement, the
 * same in SQLite (≥ 3.25, window functions) and PostgreSQL; `$1`/`?` is the bound, twice.
 */
export function endSessionsOverCap(placeholder: (n: number) => string): string {
  return `DELETE FROM sessions WHERE selector IN (
    SELECT selector FROM (
      SELECT selector,
             row_number() OVER (PARTITION BY user_id, stage ORDER BY created_at DESC, selector) AS rank
      FROM sessions
      WHERE user_id IN (SELECT user_id FROM sessions GROUP BY user_id HAVING count(*) > ${placeholder(1)})
    ) ranked
    WHERE rank > ${placeholder(2)})`;
}
