import type { FastifyInstance } from 'fastify';
import { deriveKeys } from '../auth/derive-keys';
import type { VerifierConfig } from '../config';
import { DatabaseUnavailableError } from '../store/database-unavailable';
import type { KeyCheckStore } from '../store/key-check-store';
import { KEY_MISMATCH_EXIT } from './check-master-key';
import { closeGracefully } from './close-gracefully';

/**
 * Re-reads the database's key check every `intervalMs` while an instance runs, and calls
 * `onReplaced` once when it names another key than `masterKey`: rotate-key or reset-key-check
 * gave the database a new key, and this instance, with the old one, would refuse every code (its
 * secrets no longer open) and every form the others served. A read that fails (the database
 * unavailable: the requests answer 503 meanwhile) or finds no key check changes nothing. Each
 * tick also holds the instance lock (KeyCheckStore.holdInstanceLock) again if it was lost.
 */
export function watchMasterKey(
  store: Pick<KeyCheckStore, 'getKeyCheck' | 'holdInstanceLock'>,
  masterKey: Uint8Array,
  intervalMs: number,
  onReplaced: () => void,
): { stop(): void } {
  const expected = deriveKeys(masterKey).keyCheck;
  let stopped = false;
  const timer = setInterval(() => {
    // The instance lock first: taken again after a lost session (a restarted server), before the
    // key check is read, so a rotation in between cannot go unseen.
    store
      .holdInstanceLock()
      // Not held this time (its session refused, say): the key check is read all the same.
      .catch(() => undefined)
      .then(() => store.getKeyCheck())
      .then(
        (recorded) => {
          if (stopped || recorded === null || recorded === expected) return;
          stopped = true;
          clearInterval(timer);
          onReplaced();
        },
        () => undefined,
      );
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/**
 * A serving process (one instance, or one of VERIFIER_WORKERS) stops once the database has
 * another key: it closes and exits with 78, which a supervisor should not restart with the same
 * key, and which makes a workers primary stop every worker. Call it before the app listens (it
 * adds an onClose hook).
 */
export function stopWhenKeyReplaced(
  app: FastifyInstance,
  store: KeyCheckStore,
  config: VerifierConfig,
): void {
  // Once the key is known to be stale nothing more is served with it: requests still arriving
  // while this instance closes are answered 503 "try again" (another instance, or this one
  // restarted with the new key, will serve them).
  let stale = false;
  app.addHook('onRequest', (_request, _reply, done) => {
    done(stale ? new DatabaseUnavailableError('this instance has a replaced master key') : undefined);
  });
  const watch = watchMasterKey(store, config.secretKey, config.keyWatchMs, () => {
    stale = true;
    app.log.error({ event: 'key.replaced' }, 'the database is now used with another master key');
    process.stderr.write(
      'verifier: the database is now used with another master key (rotate-key or reset-key-check ran): this instance stops. Start it with that key.\n',
    );
    // Also if closing lets the event loop run dry first (the SQLite thread's exit is not waited for).
    process.exitCode = KEY_MISMATCH_EXIT;
    closeGracefully(app).finally(() => process.exit(KEY_MISMATCH_EXIT));
  });
  app.addHook('onClose', async () => watch.stop());
}
