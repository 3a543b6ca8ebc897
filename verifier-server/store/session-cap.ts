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
