import { deriveKeys } from '../auth/derive-keys';
import { sealedWithKey } from '../auth/sealed-with-key';
import type { Store } from '../store/store';

/** Authenticators whose secrets a key must open when no key check is recorded yet (an upgrade). */
const SAMPLE = 20;

/** This instance's master key is not the one the database is used with: it must not serve. */
export class MasterKeyMismatchError extends Error {
  override name = 'MasterKeyMismatchError';
}

const SAME_KEY =
  'Every instance on one database needs the same key (VERIFIER_KEY, or the same VERIFIER_KEY_FILE): see docs/verifier.md, "Several instances".';

/**
 * Refuses to start with another master key than the database is used with: such an instance
 * would open no authenticator (every code refused, 409) and refuse every form the others served.
 * The first start records the key check (store/key-check-store.ts); instances starting at once
 * agree on one. A database used before the key check existed is first checked against its newest
 * authenticators: a key that opens none of them is refused and records nothing, so the right key
 * can still start.
 */
export async function checkMasterKey(store: Store, masterKey: Uint8Array): Promise<void> {
  const expected = deriveKeys(masterKey).keyCheck;
  let recorded = await store.getKeyCheck();
  if (recorded === null) {
    const sample = await store.sampleAuthenticators(SAMPLE);
    const sealed = sealedWithKey(masterKey);
    if (sample.length > 0 && !sample.some((a) => sealed.totpSecret(a.secretSealed, a.id, a.userId)))
      throw new MasterKeyMismatchError(
        `the master key opens none of the ${sample.length} newest authenticators in the database: it is not the key they were added with. ${SAME_KEY}`,
      );
    recorded = await store.claimKeyCheck(expected);
  }
  if (recorded !== expected)
    throw new MasterKeyMismatchError(
      `the master key is not the one this database is used with (its key check differs). ${SAME_KEY}`,
    );
}
