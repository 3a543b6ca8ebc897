/** Every table of the verifier's schema, parents before children (foreign keys). */
export const COPIED_TABLES = [
  'organisations',
  'users',
  'authenticators',
  'pending_enrollments',
  'sessions',
  'fallback_codes',
  'fallback_sends',
  'remember_tokens',
  'outbox',
  'login_throttle',
  'key_check',
] as const;

export type CopiedTable = (typeof COPIED_TABLES)[number];

/** Table names as a sorted list, for messages and comparisons. */
export const tableList = (names: Iterable<string>): string => [...names].sort().join(', ');
