/**
 * Removing an authenticator ends the user's other sessions (SECURITY #18, #29): the PC it was on
 * may be lost or reinstalled, and a session still open there must end with it. The removing
 * session stays, under a new id; another user's sessions are untouched. The race with a code step
 * under way in another browser is in login-change-race.test.ts.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { TestBrowser } from '../../../support/test-browser';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { loginWithTotp, outbox, seedAuthenticator, seededUser, sessionHash, sid } from './route-test-helpers';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

const removePath = (id: string) => `/account/authenticators/${id}/remove`;

/** A user with two authenticators, logged in at the front desk and in treatment room 1. */
async function twoComputers() {
  const { user, auth: balie } = await seededUser(t);
  const kamer = await seedAuthenticator(t, user.id, 'Chrome plugin behandelkamer 1');
  const { browser: desk } = await loginWithTotp(t, user, balie);
  const { browser: room } = await loginWithTotp(t, user, kamer, {
    browser: new TestBrowser(t.app, '198.51.100.30'),
  });
  return { user, kamer, desk, room };
}

describe('removing an authenticator ends the other sessions of its user', () => {
  test('the other computer is sent to log in; this session stays (a new id); another user is untouched', async () => {
    const { user, kamer, desk, room } = await twoComputers();
    const other = await seededUser(t);
    const { browser: colleague } = await loginWithTotp(t, other.user, other.auth, {
      browser: new TestBrowser(t.app, '198.51.100.31'),
    });
    expect((await room.get('/account')).status).toBe(200);

    const confirm = await desk.get(removePath(kamer.id));
    expect(confirm.body).toContain(
      '<p>Op andere computers en in andere browsers waar u bent ingelogd, wordt u dan uitgelogd. Hier blijft u ingelogd.</p>',
    );
    const english = await desk.get(removePath(kamer.id), { 'accept-language': 'en' });
    expect(english.body).toContain(
      'You will then be logged out on other computers and in other browsers where you are logged in. You stay logged in here.',
    );
    const before = sid(desk);
    const done = await desk.post(removePath(kamer.id));
    expect(done.location).toBe('/account');
    expect(sid(desk)).not.toBe(before);

    const account = await desk.get('/account');
    expect(account.status).toBe(200);
    expect(account.body).toContain(
      'Authenticator ‘Chrome plugin behandelkamer 1’ is verwijderd. Op andere computers en in andere browsers bent u uitgelogd.',
    );
    expect((await room.get('/account')).location).toBe('/login');
    expect((await colleague.get('/account')).status).toBe(200);

    const mail = (await outbox(t)).find((m) => m.subject === 'Authenticator verwijderd');
    expect(mail?.to).toBe(user.email);
    expect(mail?.body).toContain(
      'Van uw account is de authenticator ‘Chrome plugin behandelkamer 1’ verwijderd. Op andere computers en in andere browsers bent u daarbij uitgelogd.',
    );
  });

  test('in English: the notice and the e-mail say so too', async () => {
    const { kamer, desk, room } = await twoComputers();
    await desk.get(removePath(kamer.id));
    const done = await desk.post(removePath(kamer.id), {}, { 'accept-language': 'en' });
    expect(done.location).toBe('/account');
    expect((await desk.get('/account', { 'accept-language': 'en' })).body).toContain(
      'Authenticator ‘Chrome plugin behandelkamer 1’ has been removed. You have been logged out on other computers and in other browsers.',
    );
    expect((await room.get('/account')).location).toBe('/login');
    const mail = (await outbox(t)).find((m) => m.subject === 'Authenticator removed');
    expect(mail?.body).toContain('and you have been logged out on other computers and in other browsers.');
  });

  test('this session ended meanwhile (a logout in another tab): removed all the same, and sent to log in', async () => {
    const { user, kamer, desk, room } = await twoComputers();
    await desk.get(removePath(kamer.id));
    const key = sessionHash(desk);
    const remove = t.ctx.store.removeAuthenticator.bind(t.ctx.store);
    vi.spyOn(t.ctx.store, 'removeAuthenticator').mockImplementation(async (...args) => {
      await t.ctx.store.deleteSession(key);
      return remove(...args);
    });
    const done = await desk.post(removePath(kamer.id));
    expect(done.location).toBe('/login');
    expect((await desk.visit('/login')).body).toContain(
      'Authenticator ‘Chrome plugin behandelkamer 1’ is verwijderd en u bent overal uitgelogd. Log opnieuw in.',
    );
    expect(await t.ctx.store.getAuthenticator(kamer.id, user.id)).toBeNull();
    expect((await room.get('/account')).location).toBe('/login');
    expect((await outbox(t)).some((m) => m.subject === 'Authenticator verwijderd')).toBe(true);
  });
});
