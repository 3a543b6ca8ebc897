import { parseArgs } from 'node:util';
import { normalizeMobile } from '../account/normalize-mobile';
import { MAX_PASSWORD, MIN_PASSWORD } from '../account/password-policy';
import { createHashLimiter } from '../auth/hash-limiter';
import { createPasswordHasher, type PasswordHasher } from '../auth/password-hasher';
import type { VerifierConfig } from '../config';
import { errorCode } from '../error-code';
import { openStore } from '../store/open-store';
import type { Store } from '../store/store';
import { CommandRefused, UsageError } from './cli-errors';
import { copyToPostgresCommand } from './copy-to-postgres-command';
import { readPassword } from './read-password';
import { resetKeyCheckCommand } from './reset-key-check-command';
import { rotateKeyCommand } from './rotate-key-command';
import { terminalLines, terminalSafe } from './terminal-safe';

export interface CliIo {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  readonly input: NodeJS.ReadableStream;
}

export const CLI_HELP = `Usage: npm run verifier -- <command> [arguments]

Commands:
  list-orgs                                   list organisations
  add-org <name> [--require-2fa]              add an organisation
  require-2fa <organisation> <on|off>         make two-factor login mandatory (or not)
  list-users                                  list users
  add-user <username> --org <organisation> --email <address> [--mobile <number>]
                                              add a user; the password is read from standard input
  set-password <username>                     set a password, read from standard input
  unlock <username>                           clear the lock and failure count after too many wrong codes
  list-authenticators <username>              list a user's authenticators
  remove-authenticator <username> <id>        remove an authenticator (revokes remembered browsers, ends sessions)
  reset-key-check [--remove-unreadable-authenticators]
                                              make the configured key the one the database is used with,
                                              after a lost or replaced key (stop every instance first)
  rotate-key --new-key-file <path>            replace the master key, keeping every authenticator: the new key
                                              is read from <path>, or made there (stop every instance first)
  copy-to-postgres                            copy VERIFIER_DB (SQLite) into DATABASE_URL (an empty PostgreSQL)
  help                                        show this text

The database is DATABASE_URL (PostgreSQL) when set, else VERIFIER_DB (SQLite, default .data/verifier.db);
copy-to-postgres reads VERIFIER_DB and writes DATABASE_URL.`;

/**
 * Commands that must work with the key the data is sealed with, so a missing key file is an error
 * for them, never a fresh random key (server.ts): copy-to-postgres (the SQLite data's key),
 * reset-key-check (the key the verifier will run with), rotate-key (the key in use).
 */
export const EXISTING_KEY_COMMANDS: ReadonlySet<string> = new Set([
  'copy-to-postgres',
  'reset-key-check',
  'rotate-key',
]);

/** What a command may need beside the store: the configuration, and where its key came from (server.ts). */
export interface CommandContext {
  readonly config: VerifierConfig;
  readonly keySource: string;
  /** The key file the key came from; null for VERIFIER_KEY (or a configuration made in code). */
  readonly keyFile: string | null;
}

type Command = (
  args: string[],
  store: Store,
  hasher: () => Promise<PasswordHasher>,
  io: CliIo,
  context: CommandContext,
) => Promise<void>;

/** The least statement timeout of a command's PostgreSQL statements (VERIFIER_PG_STATEMENT_TIMEOUT_MS may be higher). */
const CLI_STATEMENT_TIMEOUT_MS = 120_000;

const write = (stream: NodeJS.WritableStream, text: string) => stream.write(`${terminalLines(text)}\n`);

async function userOrThrow(store: Store, username: string | undefined) {
  if (!username) throw new UsageError('a username is required');
  const user = await store.findUserByName(username);
  if (!user) throw new UsageError(`no user named "${username}"`);
  return user;
}

async function newPassword(io: CliIo): Promise<string> {
  const password = await readPassword(io);
  const length = [...password].length;
  if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
    throw new UsageError(`the password must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters long`);
  }
  return password;
}

const COMMANDS: Record<string, Command> = {
  async 'list-orgs'(_args, store, _h, io) {
    for (const o of await store.listOrganisations())
      write(io.out, `${terminalSafe(o.name)}\t2FA ${o.requireTwoFactor ? 'required' : 'optional'}`);
  },
  async 'add-org'(args, store, _h, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'require-2fa': { type: 'boolean' } },
    });
    const name = positionals[0]?.trim();
    if (!name) throw new UsageError('an organisation name is required');
    if (/\p{Cc}/u.test(name)) throw new UsageError('an organisation name cannot contain control characters');
    if (await store.findOrganisation(name)) throw new UsageError(`organisation "${name}" already exists`);
    await store.createOrganisation(name, values['require-2fa'] === true);
    write(io.out, `Added organisation "${name}".`);
  },
  async 'require-2fa'(args, store, _h, io) {
    const [name, setting] = args;
    const org = name ? await store.findOrganisation(name) : null;
    if (!org) throw new UsageError(`no organisation named "${name ?? ''}"`);
    if (setting !== 'on' && setting !== 'off') throw new UsageError('say "on" or "off"');
    await store.setRequireTwoFactor(org.id, setting === 'on');
    write(io.out, `Two-factor login is now ${setting === 'on' ? 'required' : 'optional'} for "${org.name}".`);
  },
  async 'list-users'(_args, store, _h, io) {
    for (const u of await store.listUsers()) {
      write(
        io.out,
        `${[u.username, u.organisationName, u.email, u.mobile ?? '-'].map(terminalSafe).join('\t')}${u.locked ? '\tLOCKED' : ''}`,
      );
    }
  },
  async 'add-user'(args, store, hasher, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { org: { type: 'string' }, email: { type: 'string' }, mobile: { type: 'string' } },
    });
    const username = positionals[0]?.trim();
    if (!username || username.length > 100)
      throw new UsageError('a username (at most 100 characters) is required');
    // Key URI Format: the account name in the otpauth label must not contain a colon.
    if (username.includes(':')) throw new UsageError('a username cannot contain ":"');
    // A name the portal's pages and this CLI's listings show: no character a terminal acts on.
    if (/\p{Cc}/u.test(username)) throw new UsageError('a username cannot contain control characters');
    if (await store.findUserByName(username)) throw new UsageError(`user "${username}" already exists`);
    const org = values.org ? await store.findOrganisation(values.org) : null;
    if (!org) throw new UsageError(`--org must name an existing organisation (see list-orgs)`);
    if (!values.email || !/^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u.test(values.email))
      throw new UsageError('--email must be an e-mail address');
    const mobile = values.mobile === undefined ? null : normalizeMobile(values.mobile);
    if (values.mobile !== undefined && mobile === null)
      throw new UsageError('--mobile must be a mobile number, e.g. +31612345678');
    const passwordHash = await (await hasher()).hash(await newPassword(io));
    await store.createUser({ organisationId: org.id, username, email: values.email, mobile, passwordHash });
    write(io.out, `Added user "${username}" to "${org.name}".`);
  },
  async 'set-password'(args, store, hasher, io) {
    const user = await userOrThrow(store, args[0]);
    // One transaction: the new hash, every remembered browser revoked, every session ended.
    await store.changePassword(user.id, await (await hasher()).hash(await newPassword(io)), null);
    write(io.out, `Password set for "${user.username}"; their sessions and remembered browsers were ended.`);
  },
  async unlock(args, store, _h, io) {
    const user = await userOrThrow(store, args[0]);
    await store.unlock(user.id);
    write(io.out, `Unlocked "${user.username}".`);
  },
  async 'list-authenticators'(args, store, _h, io) {
    const user = await userOrThrow(store, args[0]);
    const list = await store.listAuthenticators(user.id);
    if (list.length === 0) write(io.out, `"${user.username}" has no authenticators.`);
    for (const a of list) {
      const used =
        a.lastUsedAt === null ? 'never used' : `last used ${new Date(a.lastUsedAt * 1000).toISOString()}`;
      write(
        io.out,
        `${a.id}\t${terminalSafe(a.name)}\tadded ${new Date(a.createdAt * 1000).toISOString()}\t${used}`,
      );
    }
  },
  async 'remove-authenticator'(args, store, _h, io) {
    const user = await userOrThrow(store, args[0]);
    const id = args[1];
    if (!id || !(await store.removeAuthenticator(id, user.id, null))) {
      throw new UsageError(
        `"${user.username}" has no authenticator with id "${id ?? ''}" (see list-authenticators)`,
      );
    }
    write(io.out, `Removed authenticator ${id} of "${user.username}".`);
  },
  'reset-key-check': resetKeyCheckCommand,
  'rotate-key': rotateKeyCommand,
};

/**
 * `help`, and a command that does not exist, answered before anything is configured: no key file
 * is created and no database opened for them. The exit code, or undefined for a real command.
 */
export function answerWithoutConfig(
  argv: readonly string[],
  io: Pick<CliIo, 'out' | 'err'>,
): number | undefined {
  const [name] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    write(io.out, CLI_HELP);
    return 0;
  }
  if (name === 'copy-to-postgres' || (name !== undefined && Object.hasOwn(COMMANDS, name))) return undefined;
  write(io.err, `Unknown command "${name ?? ''}".\n\n${CLI_HELP}`);
  return 2;
}

/** Runs one administration command; returns the process exit code. */
export async function runCli(
  argv: readonly string[],
  config: VerifierConfig,
  io: CliIo,
  options: { readonly keySource?: string; readonly keyFile?: string | null } = {},
): Promise<number> {
  const [name, ...args] = argv;
  const answered = answerWithoutConfig(argv, io);
  if (answered !== undefined) return answered;
  // Works on two databases, not on the configured store.
  if (name === 'copy-to-postgres') return copyToPostgresCommand(args, config, io);
  const command = COMMANDS[name ?? ''];
  if (!command) throw new Error(`no command ${name}`);
  // On PostgreSQL: a statement timeout for work on every row (rotate-key), not for answering a request.
  const cliConfig = config.postgres
    ? {
        ...config,
        postgres: {
          ...config.postgres,
          statementTimeoutMs: Math.max(config.postgres.statementTimeoutMs, CLI_STATEMENT_TIMEOUT_MS),
        },
      }
    : config;
  const store = await openStore(cliConfig, (err) =>
    write(io.err, `database connection failed: ${err.message}`),
  );
  const hasher = () =>
    createPasswordHasher(config.argon2, createHashLimiter({ concurrency: 1, queue: 1, perClient: 1 }));
  try {
    await command(args, store, hasher, io, {
      config,
      keySource: options.keySource ?? 'the configuration',
      keyFile: options.keyFile ?? null,
    });
    return 0;
  } catch (err) {
    if (
      err instanceof Error &&
      (err instanceof UsageError || errorCode(err) === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    ) {
      write(io.err, `Error: ${err.message}`);
      return 2;
    }
    if (err instanceof CommandRefused) {
      write(io.err, `Error: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await store.close();
  }
}
