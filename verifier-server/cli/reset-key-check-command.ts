import { parseArgs } from 'node:util';
import { deriveKeys } from '../auth/derive-keys';
import { sealedWithKey } from '../auth/sealed-with-key';
import type { VerifierConfig } from '../config';
import type { Store } from '../store/store';
import type { CliIo } from './run-cli';

const write = (stream: NodeJS.WritableStream, text: string) => stream.write(`${text}\n`);
const REMOVE = 'remove-unreadable-authenticators';
const NAMED = 10;

/**
 * `reset-key-check [--remove-unreadable-authenticators]`: makes the configured master key the one
 * the database is used with (startup/check-master-key.ts), after the key was lost or replaced.
 * Every authenticator whose secret does not open with that key is unusable; the command names
 * them and stops, or with the flag removes them (revoking their users' remembered browsers, as
 * remove-authenticator does), so their users log in with a code by e-mail or SMS and add their
 * authenticator again. Returns the exit code: 0 done, 1 refused (nothing changed), 2 usage.
 */
export async function resetKeyCheckCommand(
  args: string[],
  store: Store,
  config: VerifierConfig,
  io: CliIo,
  /** Where the key came from (server.ts), named in every answer: a mistyped path shows. */
  keySource = 'the configuration',
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { [REMOVE]: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals.length > 0) {
    write(io.err, `Error: reset-key-check takes no arguments but --${REMOVE}`);
    return 2;
  }
  const sealed = sealedWithKey(config.secretKey);
  const all = await store.sampleAuthenticators(Number.MAX_SAFE_INTEGER);
  const unreadable = all.filter((a) => !sealed.totpSecret(a.secretSealed, a.id, a.userId));
  if (unreadable.length > 0 && values[REMOVE] !== true) {
    const names: string[] = [];
    for (const a of unreadable.slice(0, NAMED)) {
      const user = await store.getUser(a.userId);
      names.push(`  ${a.id}\t${a.name}\tof "${user?.username ?? a.userId}"`);
    }
    if (unreadable.length > NAMED) names.push(`  … and ${unreadable.length - NAMED} more`);
    const none = unreadable.length === all.length;
    write(
      io.err,
      `Error: ${unreadable.length} of ${all.length} authenticators do not open with the key from ${keySource}:\n${names.join('\n')}\n${
        none
          ? 'None opens: if the key was not lost, this is the wrong key (check where it came from, above). '
          : 'Others do open: these are damaged or were sealed with another key. '
      }Run again with --${REMOVE} to remove them, after a backup of the database and with every verifier instance stopped; their users then log in with a code by e-mail or SMS and add their authenticator again. Nothing was changed.`,
    );
    return 1;
  }
  for (const a of unreadable) await store.removeAuthenticator(a.id, a.userId);
  await store.replaceKeyCheck(deriveKeys(config.secretKey).keyCheck);
  write(
    io.out,
    `${unreadable.length > 0 ? `Removed ${unreadable.length} authenticators that did not open with this key. ` : ''}The database is now used with the key from ${keySource} (${all.length - unreadable.length} authenticators open with it). Start every instance with that key; an instance still running with another key should be stopped now.`,
  );
  return 0;
}
