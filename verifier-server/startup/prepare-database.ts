import type { PasswordHasher } from '../auth/password-hasher';
import type { VerifierConfig } from '../config';
import { behindProxy } from '../config';
import { isLoopbackAddress } from '../http/loopback';
import { DEMO, demoAccountOpen, seedDemo } from '../seed/seed-demo';
import type { Store } from '../store/store';
import { checkMasterKey } from './check-master-key';

export interface PreparedDatabase {
  /** This start created demo/demo. */
  readonly seeded: boolean;
  /** User demo still has password demo: every page says so. */
  readonly demoOpen: boolean;
  /** Lines for the start-up text (stdout). */
  readonly notes: readonly string[];
  /** A warning for stderr when others can reach the open demo account. */
  readonly warning: string | null;
}

/**
 * What a start does to the database once its schema is current: the master key checked against
 * the one the database is used with (check-master-key.ts; recorded by the first start), the demo
 * seed (SECURITY #27: demo/demo only on a new database that only this machine can reach over
 * http) and the check whether the demo account is still open. Run once per start, also with
 * several workers.
 */
export async function prepareDatabase(
  store: Store,
  passwords: PasswordHasher,
  config: VerifierConfig,
  host: string,
  seed: boolean,
): Promise<PreparedDatabase> {
  // Before the key check: a rotate-key under way finishes first (its key check is then read).
  await store.holdInstanceLock();
  await checkMasterKey(store, config.secretKey);
  const local = isLoopbackAddress(host);
  const notes: string[] = [];
  // New: this start created the schema, and no user came in since. On PostgreSQL a copy
  // (`copy-to-postgres`) may fill the schema between this start's migration and here: the key
  // check above then waited for the copy's commit, and the copied users count. A copy that starts
  // later finds the key check just recorded and refuses the database as not empty.
  const isNew = store.fresh && (await store.countUsers()) === 0;
  // A proxy in front (https or a trusted proxy): others reach this server through loopback.
  const proxied = behindProxy(config);
  const seeded = seed && isNew && local && !proxied;
  if (seeded) await seedDemo(store, passwords);
  else if (seed && isNew) {
    notes.push(
      'No demo account: it is created only for 127.0.0.1 without VERIFIER_SECURE_COOKIES or VERIFIER_TRUST_PROXY. ' +
        'Create users with `npm run verifier -- add-user`.',
    );
  }
  const demoOpen = await demoAccountOpen(store, passwords);
  const exposed = demoOpen && (!local || proxied);
  const warning = exposed
    ? `WARNING: the demo account (${DEMO.username}/${DEMO.password}) exists and others can reach this verifier (${host}${proxied ? ', behind a proxy' : ''}): anyone can log in. Set its password with \`npm run verifier -- set-password ${DEMO.username}\`.`
    : null;
  return { seeded, demoOpen, notes, warning };
}

/** The start-up text: where to log in, the outbox, the demo account. Printed once per start. */
export function startupLines(config: VerifierConfig, address: string, prepared: PreparedDatabase): string[] {
  const url = address.replace('[::1]', 'localhost');
  const lines = [`Verifier: ${url}/login`, ...prepared.notes];
  if (config.outbox === 'local')
    lines.push(
      config.outboxReaderUid === null
        ? `Outbox:   ${url}/outbox (only from this machine)`
        : `Outbox:   ${url}/outbox (only from this machine, to this OS user)`,
    );
  if (config.outbox === 'everyone')
    lines.push(`Outbox:   ${url}/outbox (open to everyone: VERIFIER_OUTBOX=1)`);
  if (prepared.seeded) {
    lines.push(
      `Demo-account / demo account: ${DEMO.username} / ${DEMO.password} (${DEMO.organisation}, 2FA verplicht / required)`,
      'Inloggen gaat met een code per e-mail; die staat in de outbox. / The login code arrives by e-mail; read it in the outbox.',
    );
  }
  return lines;
}
