import type Database from 'better-sqlite3';
import { deriveKeys } from '../../auth/derive-keys';
import { sealedWithKey } from '../../auth/sealed-with-key';
import { CopyRefusedError } from './copy-refused-error';

/** How many of a kind of sealed value did not open, and the first few that did not (ids, never contents). */
interface Tally {
  checked: number;
  failed: number;
  examples: string[];
}

const EXAMPLES = 5;

function tally(): Tally {
  return { checked: 0, failed: 0, examples: [] };
}

function count(t: Tally, opened: boolean, example: () => string): void {
  t.checked++;
  if (opened) return;
  t.failed++;
  if (t.examples.length < EXAMPLES) t.examples.push(example());
}

/**
 * Compares the source's key check with `master`'s, the key the target will be served with, then
 * opens every sealed value of the source (TOTP secrets of authenticators and pending enrollments,
 * outbox messages) with it, and refuses the copy unless all of them open: with another key every authenticator would be unusable after the move,
 * and a value that does not open is damaged or was altered. Returns how many were checked.
 */
export function checkSourceKey(source: Database.Database, master: Uint8Array): number {
  // The key check the SQLite verifier recorded at its first start (startup/check-master-key.ts).
  const recorded = source.prepare<[], { value: string }>('SELECT value FROM key_check WHERE id = 1').get();
  if (recorded && recorded.value !== deriveKeys(master).keyCheck)
    throw new CopyRefusedError(
      'key',
      'the SQLite database is used with another key than this configuration uses (its key check differs)',
    );
  const sealed = sealedWithKey(master);
  const authenticators = tally();
  const pending = tally();
  const outbox = tally();
  const rowsOf = <Row>(sql: string) => source.prepare<[], Row>(sql).iterate();
  for (const a of rowsOf<{ id: string; user_id: number; username: string; secret_sealed: Uint8Array }>(
    'SELECT a.id, a.user_id, u.username, a.secret_sealed FROM authenticators a JOIN users u ON u.id = a.user_id',
  )) {
    count(
      authenticators,
      sealed.totpSecret(a.secret_sealed, a.id, a.user_id),
      () => `${a.id} of "${a.username}"`,
    );
  }
  for (const p of rowsOf<{ authenticator_id: string; user_id: number; secret_sealed: Uint8Array }>(
    'SELECT authenticator_id, user_id, secret_sealed FROM pending_enrollments',
  )) {
    count(
      pending,
      sealed.totpSecret(p.secret_sealed, p.authenticator_id, p.user_id),
      () => p.authenticator_id,
    );
  }
  for (const m of rowsOf<{ id: number; sealed: Uint8Array }>('SELECT id, sealed FROM outbox')) {
    count(outbox, sealed.outboxMessage(m.sealed), () => String(m.id));
  }
  const checked = authenticators.checked + pending.checked + outbox.checked;
  const failed = authenticators.failed + pending.failed + outbox.failed;
  if (failed === 0) return checked;
  if (failed === checked)
    throw new CopyRefusedError(
      'key',
      `none of the ${checked} sealed values in the SQLite database (TOTP secrets, outbox messages) opens with the key this configuration uses`,
    );
  const parts = [
    authenticators.failed > 0 &&
      `${authenticators.failed} of ${authenticators.checked} authenticators (${authenticators.examples.join(', ')}${authenticators.failed > EXAMPLES ? ', …' : ''})`,
    pending.failed > 0 && `${pending.failed} of ${pending.checked} pending enrollments`,
    outbox.failed > 0 && `${outbox.failed} of ${outbox.checked} outbox messages`,
  ].filter(Boolean);
  throw new CopyRefusedError(
    'damaged',
    `sealed values in the SQLite database do not open with this configuration's key, though others do: ${parts.join('; ')}. They are damaged or were altered; remove those authenticators (remove-authenticator, without DATABASE_URL) and copy again`,
  );
}
