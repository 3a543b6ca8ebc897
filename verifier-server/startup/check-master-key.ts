import { deriveKeys } from '../auth/derive-keys';
import { sealedWithKey } from '../auth/sealed-with-key';
import type { Store } from '../store/store';

/** Authenticators whose secrets a key must open when no key check is recorded yet (an upgrade). */
const SAMPLE = 20;

/**
 * The exit code of a start refused for its key (EX_CONFIG): a restart with the same settings fails
 * the same way, so a supervisor should not retry (systemd: RestartPreventExitStatus=78).
 */
export const KEY_MISMATCH_EXIT = 78;

/** This instance's master key is not the one the database is used with: it must not serve. */
export class MasterKeyMismatchError extends Error {
  override name = 'MasterKeyMismatchError';
}

const SAME_KEY =
  'Every instance on one database needs the same key (VERIFIER_KEY, or the same VERIFIER_KEY_FILE); after a lost key, see `npm run verifier -- reset-key-check` (docs/verifier.md, "Keys").';

/**
 * Refuses to start with another master key than the database is used with: such an instance
 * would open no authenticator (every code refused, 409) and refuse every form the others served.
 * The first start records the key check (store/key-check-store.ts); instances starting at once
 * agree on one. A database used before the key check existed is first checked against its newest
 * authenticators: a key must open most of them, so neither a wrong key nor one that sealed only a
 * few of them (an instance that ran with the wrong key before) can claim it; refused, it records
 * nothing, and the right key can still start.
 */
export async function checkMasterKey(store: Store, masterKey: Uint8Array): Promise<void> {
  const expected = deriveKeys(masterKey).keyCheck;
  let recorded = await store.getKeyCheck();
  if (recorded === null) {
    const sample = await store.newestAuthenticators(SAMPLE);
    const sealed = sealedWithKey(masterKey);
    const opened = sample.filter((a) => sealed.totpSecret(a.secretSealed, a.id, a.userId)).length;
    if (opened * 2 <= sample.length && sample.length > 0)
      throw new MasterKeyMismatchError(
        `the master key opens ${opened === 0 ? 'none' : `only ${opened}`} of the ${sample.length} newest authenticators in the database: it is not the key most of them were added with (or they are damaged). ${SAME_KEY}`,
      );
    recorded = await store.claimKeyCheck(expected);
  }
  if (recorded !== expected) throw new MasterKeyMismatchError(mismatch());
}

/** For a process that opens a database a start has checked (a worker, perhaps started much later). */
export async function assertMasterKeyRecorded(store: Store, masterKey: Uint8Array): Promise<void> {
  const recorded = await store.getKeyCheck();
  if (recorded !== deriveKeys(masterKey).keyCheck) throw new MasterKeyMismatchError(mismatch());
}

const mismatch = () =>
  `the master key is not the one this database is used with (its key check differs). ${SAME_KEY}`;
