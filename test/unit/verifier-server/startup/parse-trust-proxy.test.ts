import { afterEach, describe, expect, test } from 'vitest';
import { parseTrustProxy } from '../../../../verifier-server/startup/parse-trust-proxy';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';

describe('VERIFIER_TRUST_PROXY', () => {
  test('unset or empty: no proxy', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
  });

  test('addresses, networks and named ranges, several separated by commas', () => {
    expect(parseTrustProxy('127.0.0.1')).toBe('127.0.0.1');
    expect(parseTrustProxy('loopback')).toBe('loopback');
    expect(parseTrustProxy(' 10.0.0.0/8, ::1 ,fd00::/8,uniquelocal')).toBe(
      '10.0.0.0/8,::1,fd00::/8,uniquelocal',
    );
  });

  // Given to Fastify as they are, these trusted nothing without a word (found by an attacker review).
  test.each([
    // As the other switches are written: on. A hop count would trust whoever connects.
    ['1'],
    ['2'],
    ['true'],
    ['yes'],
    ['on'],
    ['0'],
    ['11'],
    ['1.2'],
    ['127.1'],
    ['localhost'],
    ['10.0.0.0/33'],
    ['127.0.0.1,'],
    ['10.0.0.0/255.0.0.0'],
  ])('%s stops the start, saying what is accepted', (raw) => {
    expect(() => parseTrustProxy(raw)).toThrow(
      `VERIFIER_TRUST_PROXY must be the proxy's address or network (127.0.0.1 for a proxy on this host, 10.0.0.2, 10.0.0.0/8, ::1), several separated by commas, or loopback, not "${raw}"`,
    );
  });
});

describe('the client address behind a proxy', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.app.close();
  });

  /** The client address the verifier counts (the access log's), for a request from 127.0.0.1 through `chain`. */
  async function clientOf(trustProxy: false | string, chain: string): Promise<string | undefined> {
    t = await createTestApp({ config: { trustProxy } });
    await t.app.inject({
      method: 'GET',
      url: '/healthz',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': chain },
    });
    const line = t.logs.map((l) => JSON.parse(l) as { remoteAddress?: string }).find((l) => l.remoteAddress);
    return line?.remoteAddress;
  }

  test('the proxy named: the address it saw; none named: the socket’s', async () => {
    expect(await clientOf(parseTrustProxy('loopback'), '6.6.6.6, 10.0.0.2')).toBe('10.0.0.2');
    await t?.app.close();
    expect(await clientOf(parseTrustProxy('127.0.0.1, 10.0.0.2'), '6.6.6.6, 10.0.0.2')).toBe('6.6.6.6');
    await t?.app.close();
    expect(await clientOf(parseTrustProxy(undefined), '6.6.6.6')).toBe('127.0.0.1');
  });
});
