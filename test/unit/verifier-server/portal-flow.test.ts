import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TestBrowser } from '../../support/test-browser';
import { addUser, enroll, loginByEmail, passwordStep, totp } from '../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../support/verifier-test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

describe('the portal flow of the manual', () => {
  test('e-mail code login, enrollment of "Chrome plugin", then login with its code', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    const account = await browser.get('/account');
    expect(account.status).toBe(200);
    expect(account.body).toContain('Mijn gegevens');
    expect(account.body).toContain('U heeft nog geen authenticator toegevoegd.');

    const { id, secret } = await enroll(t, browser, user, 'Chrome plugin');
    const listed = await browser.get('/account');
    expect(listed.body).toContain('Chrome plugin');
    expect(listed.body).toContain('Authenticator ‘Chrome plugin’ is toegevoegd.');

    await browser.post('/logout');
    t.clock.advance(30);
    const { browser: b2, page } = await passwordStep(t, user);
    expect(page.location).toBe('/login/code');
    const second = await b2.get('/login/code');
    expect(second.body).toContain('Kies uw authenticator:');
    expect(second.body).toContain('Onthoud deze browser voor 7 dagen');
    expect(second.body).toContain('Ik heb geen toegang tot mijn authenticator(s)');
    const done = await b2.post('/login/code', { authenticator: id, code: totp(secret, t.clock.now()) });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/account');
    expect((await b2.get('/account')).status).toBe(200);
  });

  test('an unknown page is a Dutch 404', async () => {
    const page = await new TestBrowser(t.app).get('/nope');
    expect(page.status).toBe(404);
    expect(page.body).toContain('Deze pagina bestaat niet.');
  });
});
