/** Above this, the popup warns: codes are 30 s windows, and servers accept ±1 step at most. */
export const DRIFT_WARNING_MS = 10_000;

/**
 * The site's clock minus ours, from its `Date` header (RFC 9110 §6.6.1: whole seconds, so the
 * server's time lies in [Date, Date + 1 s): take the middle) against the middle of our request.
 * Undefined for a missing or unparsable header.
 */
export function measureDrift(
  dateHeader: string | null | undefined,
  sentAt: number,
  receivedAt: number,
): number | undefined {
  if (typeof dateHeader !== 'string') return undefined;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return undefined;
  return server + 500 - (sentAt + receivedAt) / 2;
}

/** Seconds, rounded, for the message: positive when our clock is behind the site's. */
export function driftSeconds(offsetMs: number): number {
  return Math.round(offsetMs / 1000);
}
