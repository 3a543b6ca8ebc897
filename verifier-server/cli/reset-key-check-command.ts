import { parseArgs } from 'node:util';
import { deriveKeys } from '../auth/derive-keys';
import type { PasswordHasher } from '../auth/password-hasher';
import { sealedWithKey } from '../auth/sealed-with-key';
import type { Store } from '../store/store';
import { CommandRefused, UsageError } from './cli-errors';
import type { CliIo, CommandContext } from './run-cli';
import { terminalSafe } from './terminal-safe';

const REMOVE = 'remove-unreadable-authenticators';
const NAMED = 10;

/**
 * `reset-key-check [--remove-unreadable-authenticators]`: makes the configured master key the one
 * the database is used with (startup/check-master-key.ts), after the key was lost or replaced.
 * Every authenticator whose secret does not open with that key is unusable; the command names
 * them and refuses (exit 1, nothing changed), or with the flag removes them (revoking their users'
 * remembered browsers and ending their sessions, as remove-authenticator does), so their users log
 * in with a code by e-mail or SMS and add their authenticator again. Every answer names where the
 * key came from, so a mistyped key file path shows.
 */
export async function resetKeyCheckCommand(
  args: string[],
  store: Store,
  _hasher: () => Promise<PasswordHasher>,
  io: CliIo,
  { config, keySource }: CommandContext,
): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { [REMOVE]: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`reset-key-check takes no arguments but --${REMOVE}`);
  const sealed = sealedWithKey(config.secretKey);
  const all = await store.newestAuthenticators(Number.MAX_SAFE_INTEGER);
  const unreadable = all.filter((a) => !sealed.totpSecret(a.secretSealed, a.id, a.userId));
  if (unreadable.length > 0 && values[REMOVE] !== true) {
    const names: string[] = [];
    for (const a of unreadable.slice(0, NAMED)) {
      const user = await store.getUser(a.userId);
      names.push(
        `  ${a.id}\t${terminalSafe(a.name)}\tof "${terminalSafe(user?.username ?? String(a.userId))}"`,
      );
    }
    if (unreadable.length > NAMED) names.push(`  … and ${unreadable.length - NAMED} more`);
    const none = unreadable.length === all.length;
    throw new CommandRefused(
      `${unreadable.length} of ${all.length} authenticators do not open with the key from ${keySource}:\n${names.join('\n')}\n${
        none
          ? 'None opens: if the key was not lost, this is the wrong key (check where it came from, above). '
          : 'Others do open: these are damaged or were sealed with another key. '
      }Run again with --${REMOVE} to remove them, after a backup of the database and with every verifier instance stopped; their users then log in with a code by e-mail or SMS and add their authenticator again. Nothing was changed.`,
    );
  }
  for (const a of unreadable) await store.removeAuthenticator(a.id, a.userId, null);
  await store.replaceKeyCheck(deriveKeys(config.secretKey).keyCheck);
  io.out.write(
    `${unreadable.length > 0 ? `Removed ${unreadable.length} authenticators that did not open with this key. ` : ''}The database is now used with the key from ${keySource} (${all.length - unreadable.length} authenticators open with it). Start every instance with that key; an instance still running with another key should be stopped now.\n`,
  );
}
