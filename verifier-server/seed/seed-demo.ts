import type { PasswordHasher } from '../auth/password-hasher';
import type { Store } from '../store/store';

export const DEMO = Object.freeze({
  organisation: 'Demo Praktijk',
  username: 'demo',
  password: 'demo',
  email: 'demo@demo-praktijk.example',
  mobile: '+31612345678',
});

/** On an empty database: organisation "Demo Praktijk" (two-factor mandatory) with user demo/demo. */
export async function seedDemo(store: Store, passwords: PasswordHasher): Promise<boolean> {
  if ((await store.countUsers()) > 0) return false;
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
  return true;
}

/** Demo credentials are only for a verifier that nobody else can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
