import { randomUUID } from 'node:crypto';
import { DEFAULT_TOTP } from '../../shared/otp-parameters';
import { deriveKeys } from '../../verifier-server/auth/derive-keys';
import { authenticatorAad, sealSecret } from '../../verifier-server/auth/secret-box';
import type { Store } from '../../verifier-server/store/store';

/**
 * A user (in organisation "Praktijk") with one confirmed authenticator whose secret is sealed
 * with the master key `key`, added at `createdAt` (Unix seconds): stored data as an instance with
 * that key leaves it, for tests of what another key makes of it.
 */
export async function userWithSealedAuthenticator(
  store: Store,
  key: Uint8Array,
  options: { readonly username?: string; readonly createdAt?: number } = {},
): Promise<{ readonly userId: number; readonly id: string }> {
  const createdAt = options.createdAt ?? 1_800_000_000;
  const org =
    (await store.findOrganisation('Praktijk')) ?? (await store.createOrganisation('Praktijk', true));
  const username = options.username ?? `medewerker-${randomUUID()}`;
  const user = await store.createUser({
    organisationId: org.id,
    username,
    email: `${username}@praktijk.example`,
    mobile: null,
    passwordHash: 'x',
  });
  const id = randomUUID();
  const sessionHash = `pending-${id}`;
  await store.savePendingEnrollment({
    sessionHash,
    userId: user.id,
    authenticatorId: id,
    name: 'Chrome plugin balie',
    secretSealed: sealSecret(
      deriveKeys(key).secrets,
      new Uint8Array(20).fill(7),
      authenticatorAad(id, user.id),
    ),
    otp: DEFAULT_TOTP,
    expiresAt: createdAt + 600,
  });
  if (!(await store.confirmEnrollment(sessionHash, id, 0, createdAt))) throw new Error('not confirmed');
  return { userId: user.id, id };
}
