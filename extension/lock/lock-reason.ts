import type { LockReason } from './session-store';

/** The lock reason kept in session storage (session-store.ts), or undefined when it is none or malformed. */
export function readLockReason(value: unknown): LockReason | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { why, minutes } = value as Record<string, unknown>;
  if (why === 'screen-lock') return { why };
  if ((why === 'idle' || why === 'max-unlock') && Number.isSafeInteger(minutes) && (minutes as number) > 0)
    return { why, minutes: minutes as number };
  return undefined;
}
