import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKeys } from '../../../../verifier-server/auth/derive-keys';
import { fallbackSendClient } from '../../../../verifier-server/auth/fallback-send-client';

const ctx = { keys: deriveKeys(new Uint8Array(randomBytes(32))) };

describe('fallbackSendClient: the client a fallback send is counted for (SECURITY #19)', () => {
  it('one IPv6 /48 is one client, whichever /64; another /48 is another', () => {
    const home = fallbackSendClient(ctx, 7, '2001:db8:5:1::1');
    expect(fallbackSendClient(ctx, 7, '2001:db8:5:ff:abcd::2')).toBe(home);
    expect(fallbackSendClient(ctx, 7, '2001:db8:6::1')).not.toBe(home);
  });

  // An attacker review: the hash named only the address, so a copy of the database showed which
  // accounts had asked for codes from one network. The caps compare one user's rows only.
  it('two accounts from one address get hashes that cannot be matched; neither names the address', () => {
    const alice = fallbackSendClient(ctx, 1, '203.0.113.5');
    const bob = fallbackSendClient(ctx, 2, '203.0.113.5');
    expect(alice).not.toBe(bob);
    expect(`${alice}${bob}`).not.toContain('203.0.113');
  });
});
