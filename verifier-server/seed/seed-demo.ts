import { LOCAL_LANE } from '../auth/hash-limiter';
import type { PasswordHasher } from '../auth/password-hasher';
import type { Store } from '../store/store';

/**
 * The demo account. Its password is below the password policy on purpose (the manual's
 * screenshots use it): it exists only on a new database served to this machine, and every page
 * says so while it exists (SECURITY #27).
 */
export const DEMO = Object.freeze({
  organisation: 'Demo Praktijk',
  username: 'demo',
  password: 'demo',
  email: 'demo@demo-praktijk.example',
  mobile: '+31612345678',
});

/** Organisation "Demo Praktijk" (two-factor mandatory) with user demo/demo. */
export async function seedDemo(store: Store, passwords: PasswordHasher): Promise<void> {
  const organisation =
    (await store.findOrganisation(DEMO.organisation)) ??
    (await store.createOrganisation(DEMO.organisation, true));
  await store.createUser({
    organisationId: organisation.id,
    username: DEMO.username,
    email: DEMO.email,
    mobile: DEMO.mobile,
    passwordHash: await passwords.hash(DEMO.password),
  });
}

/** True when user `demo` exists and its password is still `demo`: anyone could log in. */
export async function demoAccountOpen(
  store: Pick<Store, 'findUserByName'>,
  passwords: Pick<PasswordHasher, 'verify'>,
): Promise<boolean> {
  return (await demoOpenHash(store, passwords)) !== null;
}

/**
 * The demo user's password hash while its password is still `demo`, else null. Given the hash
 * found open last time (`knownOpen`), the same hash is open without hashing again.
 */
export async function demoOpenHash(
  store: Pick<Store, 'findUserByName'>,
  passwords: Pick<PasswordHasher, 'verify'>,
  knownOpen?: string,
): Promise<string | null> {
  const user = await store.findUserByName(DEMO.username);
  if (user === null) return null;
  if (user.passwordHash === knownOpen) return knownOpen;
  return (await passwords.verify(DEMO.password, user.passwordHash, LOCAL_LANE)) ? user.passwordHash : null;
}
