import type { ActivityEvent } from '../activity/activity-event';
import { recordActivity } from '../activity/record-activity';
import { LOCK_REASON_KEY } from '../lock/session-store';
import { openVault } from '../vault';

export interface RecordLockDeps {
  /** The lock's reason as session storage has it now (lockVault writes it before the lock). */
  readonly readReason: () => Promise<unknown>;
  /** Whether the vault still needs a passphrase to open. */
  readonly passphraseSet: () => Promise<boolean>;
  readonly record: (event: ActivityEvent) => Promise<void>;
}

type LockedEvent = Extract<ActivityEvent, { kind: 'locked' }>;

function whyOf(reason: unknown): LockedEvent['why'] {
  const why = (reason as { why?: unknown } | undefined)?.why;
  return why === 'idle' || why === 'screen-lock' || why === 'max-unlock' ? why : 'button';
}

/**
 * The vault locked (the session key went): kept in the activity log with why. Every lock passes
 * here, wherever it was asked for (the popup, the options page, the worker's own auto-lock), as
 * the worker sees the session key go. A removal without a reason while the vault opens without a
 * passphrase is the passphrase's removal (the options page forgets the session key then), not a
 * lock: that page records the removal itself.
 */
export async function recordLock(deps: RecordLockDeps): Promise<void> {
  const why = whyOf(await deps.readReason());
  if (why === 'button' && !(await deps.passphraseSet())) return;
  await deps.record({ kind: 'locked', why });
}

/** Whether the vault opens only with a passphrase (or a session key): false once it was removed. */
export async function vaultNeedsPassphrase(dbName?: string): Promise<boolean> {
  try {
    (await openVault(dbName === undefined ? {} : { dbName })).close();
    return false;
  } catch {
    // Locked (VaultLockedError) means a passphrase; any other failure is no reason to leave the
    // lock out of the log either.
    return true;
  }
}

export function recordLockNow(): Promise<void> {
  return recordLock({
    readReason: async () => (await chrome.storage.session.get(LOCK_REASON_KEY))[LOCK_REASON_KEY],
    passphraseSet: () => vaultNeedsPassphrase(),
    record: (event) => recordActivity(event),
  });
}
