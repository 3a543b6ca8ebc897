import { afterEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';

/** SECURITY #16: every answer carries the strict CSP and helmet's headers; HSTS only over https. */

const CSP =
  "default-src 'none';script-src 'self';style-src 'self';img-src 'self' data:;form-action 'self';frame-ancestors 'none';base-uri 'none'";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
});

describe('security headers', () => {
  test.each([
    [0, 'a page', '/login', 200],
    [1, 'a redirect', '/', 303],
    [2, 'the 404 page', '/nope', 404],
    [3, 'a refused form', '/login', 403],
    // Refused by the router before any hook runs.
    [4, 'a bad URL escape', '/login/%E0%A4%A', 400],
    [5, 'an over-long path parameter', `/account/authenticators/${'x'.repeat(101)}/remove`, 414],
  ])('case %i: %s', async (_i, _what, url, status) => {
    t = await createTestApp();
    const response = await t.app.inject({ method: status === 403 ? 'POST' : 'GET', url });
    expect(response.statusCode).toBe(status);
    expect(response.headers).toMatchObject({
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  test('behind https (secure cookies) HSTS is sent too', async () => {
    t = await createTestApp({ config: { secureCookies: true } });
    const response = await t.app.inject({ url: '/login' });
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(response.headers['content-security-policy']).toBe(CSP);
    const refused = await t.app.inject({ url: '/login/%E0%A4%A' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});
