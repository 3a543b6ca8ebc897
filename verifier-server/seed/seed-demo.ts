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
export async function demoAccountOpen(store: Store, passwords: PasswordHasher): Promise<boolean> {
  const user = await store.findUserByName(DEMO.username);
  return user !== null && (await passwords.verify(DEMO.password, user.passwordHash, LOCAL_LANE));
}
