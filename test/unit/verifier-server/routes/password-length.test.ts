import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MAX_PASSWORD } from '../../../../verifier-server/account/password-policy';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { loginWithTotp, seededUser } from './route-test-helpers';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

async function changePassword(next: string) {
  const { user, auth } = await seededUser(t);
  const { browser } = await loginWithTotp(t, user, auth);
  await browser.get('/account/password');
  const answer = await browser.post('/account/password', {
    current: user.password,
    new: next,
    confirm: next,
  });
  return { user, browser, answer };
}

describe('password length is counted in characters, as the user sees them', () => {
  test(`a new password of ${MAX_PASSWORD} emoji (twice as many UTF-16 units) is accepted and logs in`, async () => {
    const next = '🔑'.repeat(MAX_PASSWORD);
    const { user, browser, answer } = await changePassword(next);
    expect(answer.location).toBe('/account');
    await browser.post('/logout');
    await browser.get('/login');
    const login = await browser.post('/login', { username: user.username, password: next });
    expect(login.location).toBe('/login/code');
  });

  test('a pasted new password far over the limit gets the limit, not a "bad form" page', async () => {
    const { answer } = await changePassword('x'.repeat(3 * MAX_PASSWORD));
    expect(answer.status).toBe(400);
    expect(answer.body).toContain(`Het nieuwe wachtwoord mag maximaal ${MAX_PASSWORD} tekens lang zijn.`);
    expect(answer.body).not.toContain('Het formulier is onvolledig');
  });
});
