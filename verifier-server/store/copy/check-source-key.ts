import type Database from 'better-sqlite3';
import { deriveKeys } from '../../auth/derive-keys';
import { sealedWithKey } from '../../auth/sealed-with-key';
import { terminalSafe } from '../../cli/terminal-safe';
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

const named = (t: Tally) => `${t.examples.join(', ')}${t.failed > EXAMPLES ? ', …' : ''}`;

/**
 * Compares the source's key check (recorded by its first start) with `master`'s, the key the
 * target will be served with, then opens every sealed value of the source (TOTP secrets of
 * authenticators and pending enrollments, outbox messages) with it, and refuses the copy unless
 * all of them open: with another key every authenticator would be unusable after the move, and a
 * value that does not open while others do is damaged or was altered. Returns how many opened.
 */
export function checkSourceKey(source: Database.Database, master: Uint8Array): number {
  const recorded = source.prepare<[], { value: string }>('SELECT value FROM key_check WHERE id = 1').get();
  const sameKey = recorded !== undefined && recorded.value === deriveKeys(master).keyCheck;
  if (recorded && !sameKey)
    throw new CopyRefusedError(
      'key',
      'the SQLite database is used with another key than this configuration uses (its key check differs)',
    );
  const sealed = sealedWithKey(master);
  const authenticators = tally();
  const pending = tally();
  const outbox = tally();
  const rowsOf = <Row>(sql: string) => source.prepare<[], Row>(sql).iterate();
  type Sealed = { id: string; user_id: bigint; username: string; secret_sealed: Uint8Array };
  for (const a of rowsOf<Sealed>(
    'SELECT a.id, a.user_id, u.username, a.secret_sealed FROM authenticators a JOIN users u ON u.id = a.user_id',
  )) {
    const opened = sealed.totpSecret(a.secret_sealed, a.id, Number(a.user_id));
    count(authenticators, opened, () => `${a.id} of "${terminalSafe(a.username)}"`);
  }
  for (const p of rowsOf<Sealed>(
    'SELECT p.authenticator_id AS id, p.user_id, u.username, p.secret_sealed FROM pending_enrollments p JOIN users u ON u.id = p.user_id',
  )) {
    count(
      pending,
      sealed.totpSecret(p.secret_sealed, p.id, Number(p.user_id)),
      () => `of "${terminalSafe(p.username)}"`,
    );
  }
  for (const m of rowsOf<{ id: bigint; sealed: Uint8Array }>('SELECT id, sealed FROM outbox')) {
    count(outbox, sealed.outboxMessage(m.sealed), () => String(m.id));
  }
  const checked = authenticators.checked + pending.checked + outbox.checked;
  const failed = authenticators.failed + pending.failed + outbox.failed;
  if (failed === 0) return checked;
  // With the recorded key check matching, the key is right: what does not open is damaged.
  if (failed === checked && checked > 1 && !sameKey)
    throw new CopyRefusedError(
      'key',
      `none of the ${checked} sealed values in the SQLite database (TOTP secrets, outbox messages) opens with the key this configuration uses`,
    );
  if (failed === checked && !sameKey)
    throw new CopyRefusedError(
      'key',
      'the one sealed value in the SQLite database does not open with the key this configuration uses: the key is another one, or that value is damaged',
    );
  const remedies = [
    authenticators.failed > 0 &&
      `${authenticators.failed} of ${authenticators.checked} authenticators (${named(authenticators)}): remove them (remove-authenticator, without DATABASE_URL); their users add them again`,
    pending.failed > 0 &&
      `${pending.failed} of ${pending.checked} pending enrollments (${named(pending)}): they end 10 minutes after they began, once the verifier runs on SQLite again`,
    outbox.failed > 0 &&
      `${outbox.failed} of ${outbox.checked} outbox messages (ids ${named(outbox)}): the verifier on SQLite removes them a day after they were sent`,
  ].filter(Boolean);
  throw new CopyRefusedError(
    'damaged',
    `${failed === checked ? "the sealed values in the SQLite database do not open, though its key check is this configuration's key" : "some sealed values in the SQLite database do not open with this configuration's key, though others do"}, so they are damaged or were altered: ${remedies.join('; ')}. Then copy again`,
  );
}
