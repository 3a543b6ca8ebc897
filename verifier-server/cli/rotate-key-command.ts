import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { deriveKeys } from '../auth/derive-keys';
import { KeyConfigurationError, loadKeyFile, loadOrCreateKeyFile } from '../auth/load-key';
import type { PasswordHasher } from '../auth/password-hasher';
import { sealedWithKey } from '../auth/sealed-with-key';
import { authenticatorAad, openSecret, sealSecret } from '../auth/secret-box';
import { FilePermissionError } from '../fs/private-file';
import { OUTBOX_AAD } from '../outbox/outbox-transport';
import type { KeyReplacementResult, Resealed, SealedValues } from '../store/key-check-store';
import type { Store } from '../store/store';
import { CommandRefused, UsageError } from './cli-errors';
import type { CliIo, CommandContext } from './run-cli';
import { terminalSafe } from './terminal-safe';

const FLAG = 'new-key-file';
const NAMED = 10;
const UNCHANGED = 'Nothing was changed.';
/** After the purge of expired rows, which a refusal does not undo. */
const PURGED_ONLY =
  'Nothing was changed but the removal of what had expired (sessions, codes, enrollments and messages a running verifier removes too).';

/** A sealed value opened with one key and sealed with another; the plaintext is wiped at once. */
function resealed<Row>(
  row: Row,
  before: Uint8Array,
  from: Uint8Array,
  to: Uint8Array,
  aad: string,
): Resealed<Row> {
  const plaintext = openSecret(from, before, aad);
  try {
    return { row, before, after: sealSecret(to, plaintext, aad) };
  } finally {
    plaintext.fill(0);
  }
}

/** Refuses unless every sealed value opens with the current key: one that does not cannot be sealed again. */
async function refuseUnreadable(store: Store, values: SealedValues, key: Uint8Array): Promise<void> {
  const opens = sealedWithKey(key);
  const authenticators = values.authenticators.filter(
    (a) => !opens.totpSecret(a.sealed, a.authenticatorId, a.userId),
  );
  const pending = values.pendingEnrollments.filter(
    (p) => !opens.totpSecret(p.sealed, p.authenticatorId, p.userId),
  );
  const outbox = values.outbox.filter((m) => !opens.outboxMessage(m.sealed));
  if (authenticators.length + pending.length + outbox.length === 0) return;
  const lines: string[] = [];
  if (authenticators.length > 0) {
    lines.push(
      `${authenticators.length} of ${values.authenticators.length} authenticators (remove them with remove-authenticator; their users add them again):`,
    );
    for (const a of authenticators.slice(0, NAMED)) {
      const user = await store.getUser(a.userId);
      lines.push(`  ${a.authenticatorId}\tof "${terminalSafe(user?.username ?? String(a.userId))}"`);
    }
    if (authenticators.length > NAMED) lines.push(`  … and ${authenticators.length - NAMED} more`);
  }
  if (pending.length > 0)
    lines.push(
      `${pending.length} pending enrollments: they expire 10 minutes after they began; run again then (this command removes expired ones)`,
    );
  if (outbox.length > 0)
    lines.push(
      `${outbox.length} outbox messages (ids ${outbox.map((m) => m.id).join(', ')}): they expire a day after they were sent; run again then (this command removes expired ones)`,
    );
  throw new CommandRefused(
    `these sealed values do not open with the current key, so they cannot be sealed with a new one (damaged or altered):\n${lines.join('\n')}\n${PURGED_ONLY}`,
  );
}

/** The new key: read from its file, or a fresh random one in a new file (0600, in a 0700 folder). */
function newKey(path: string, unchanged = UNCHANGED): { key: Uint8Array; created: boolean } {
  try {
    return existsSync(path) ? { key: loadKeyFile(path), created: false } : loadOrCreateKeyFile(path);
  } catch (error) {
    if (error instanceof KeyConfigurationError || error instanceof FilePermissionError)
      throw new CommandRefused(`${error.message}. ${unchanged}`);
    throw error;
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** How to start the instances with the new key; VERIFIER_KEY, when set, wins over any key file. */
const restart = (path: string, keyFile: string | null) =>
  `Start every instance with the new key (${
    keyFile === null
      ? `VERIFIER_KEY set to the content of ${path}, or VERIFIER_KEY unset and VERIFIER_KEY_FILE=${path}`
      : `VERIFIER_KEY_FILE=${path}, or that file in place of ${keyFile}`
  }); a start with the old key is refused, and an instance still running with it stops.`;

/**
 * `rotate-key --new-key-file <path>`: replaces the master key and keeps everything sealed with it
 * (docs/verifier.md, "Keys"). The configured key must be the one the database is used with; the
 * new key is read from <path>, or made there (random, 0600) when the file does not exist. Every
 * TOTP secret (authenticators, pending enrollments) and outbox message is opened with the current
 * key and sealed with the new one, and the key check replaced, in one transaction; unused
 * fallback codes (hashed with the old key) are removed. Refused, with nothing changed but the
 * removal of expired rows, when a sealed value does not open, while an instance runs on the
 * database (KeyCheckStore.holdInstanceLock), or when the database changed between reading and
 * writing. Sessions and remembered browsers stay: their tokens are hashed without the key.
 */
export async function rotateKeyCommand(
  args: string[],
  store: Store,
  _hasher: () => Promise<PasswordHasher>,
  io: CliIo,
  { config, keySource, keyFile }: CommandContext,
): Promise<void> {
  const { values: options, positionals } = parseArgs({
    args,
    options: { [FLAG]: { type: 'string' } },
    allowPositionals: true,
  });
  const target = options[FLAG];
  if (positionals.length > 0 || !target)
    throw new UsageError(
      `rotate-key takes --${FLAG} <path> (a key file to read the new key from, or to create with a new random key) and nothing else`,
    );
  const path = resolve(target);
  if (keyFile !== null && path === resolve(keyFile))
    throw new UsageError(
      `--${FLAG} names the key file in use (${keyFile}): name another file, for the new key`,
    );
  const current = deriveKeys(config.secretKey);
  const recorded = await store.getKeyCheck();
  // A rotation that ended without a word (the connection lost during its commit) is run again.
  if (
    recorded !== null &&
    recorded !== current.keyCheck &&
    existsSync(path) &&
    recorded === deriveKeys(newKey(path).key).keyCheck
  ) {
    io.out.write(
      `The database already uses the key in ${path}: a rotation to it finished. ${restart(path, keyFile)}\n`,
    );
    return;
  }
  if (recorded === null)
    throw new CommandRefused(
      `this database records no key yet: start the verifier on it once, with the key from ${keySource}, then rotate. ${UNCHANGED}`,
    );
  if (recorded !== current.keyCheck)
    throw new CommandRefused(
      `the key from ${keySource} is not the one this database is used with; rotate-key needs the current key (VERIFIER_KEY_FILE or VERIFIER_KEY) to open what it seals again. ${UNCHANGED}`,
    );
  // What has expired goes first, as a running verifier would remove it (none runs now).
  await store.purgeExpired(Math.floor(config.now() / 1000));
  const sealed = await store.sealedValues();
  await refuseUnreadable(store, sealed, config.secretKey);

  const { key, created } = newKey(path, PURGED_ONLY);
  if (Buffer.from(key).equals(Buffer.from(config.secretKey)))
    throw new CommandRefused(`${path} holds the current key: a new key must differ. ${PURGED_ONLY}`);
  const next = deriveKeys(key);
  const totp = (r: SealedValues['authenticators'][number]) =>
    resealed(r.row, r.sealed, current.secrets, next.secrets, authenticatorAad(r.authenticatorId, r.userId));
  const kept = created ? ` (${path} was created and holds the new key: keep it for that)` : '';
  let result: KeyReplacementResult;
  try {
    result = await store.replaceKey({
      keyCheckBefore: current.keyCheck,
      keyCheckAfter: next.keyCheck,
      authenticators: sealed.authenticators.map(totp),
      pendingEnrollments: sealed.pendingEnrollments.map(totp),
      outbox: sealed.outbox.map((m) => resealed(m.id, m.sealed, current.outbox, next.outbox, OUTBOX_AAD)),
    });
  } catch (error) {
    // The commit may or may not have happened: never say that nothing changed.
    throw new CommandRefused(
      `the rotation did not finish: ${error instanceof Error ? error.message : String(error)}. The database may or may not use the new key now. Keep ${path}, and run rotate-key again with the same --${FLAG} and the old key configured: it says whether the rotation finished, or does it.`,
    );
  }
  if (result.outcome === 'in-use')
    throw new CommandRefused(
      `a verifier instance runs on the database (on SQLite, or another program has the file open): it would go on with the old key. Stop every instance, then run rotate-key again with the same --${FLAG}${kept}. ${PURGED_ONLY}`,
    );
  if (result.outcome === 'changed')
    throw new CommandRefused(
      `the database changed while the key was being rotated: something still writes to it. Stop every instance, then run rotate-key again with the same --${FLAG}${kept}. ${PURGED_ONLY}`,
    );
  const { authenticators, pendingEnrollments, outbox } = sealed;
  const lines = [
    `The master key is replaced by the key in ${path}${created ? ' (created now: a new random key)' : ''}.`,
    `Sealed again with it: ${plural(authenticators.length, 'authenticator secret', 'authenticator secrets')}, ${plural(pendingEnrollments.length, 'pending enrollment', 'pending enrollments')}, ${plural(outbox.length, 'outbox message', 'outbox messages')}.`,
    ...(result.fallbackCodesRemoved > 0
      ? [
          `Removed ${plural(result.fallbackCodesRemoved, 'unused code', 'unused codes')} sent by e-mail or SMS (made with the old key): their users ask for a new one.`,
        ]
      : []),
    restart(path, keyFile),
    'Forms open in a browser are refused once (reloading the page mends them); signed-in and remembered browsers stay.',
    'Then destroy the old key: a backup of the database from before now still opens with it.',
  ];
  io.out.write(`${lines.join('\n')}\n`);
}
