/**
 * Issue 5, item 4: "Onthoud deze browser voor 7 dagen". One verifier and one browser profile; a
 * fresh user from the CLI. The user enrolls two authenticators in this browser's extension, so that
 * the second remembered login can use the second authenticator's code of the same time step (the
 * replay guard is per authenticator) instead of waiting another 30 s.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ExtensionBrowser } from '../support/extension-browser';
import {
  addUserWithCli,
  closePopup,
  currentPopupCode,
  freshPopupCode,
  freshUser,
  openPopup,
  type PopupCode,
  type Portal,
  type PortalSession,
  type PortalUser,
  scanWithExtension,
  startPortalSession,
} from '../support/portal-driver';
import type { TempDatabase } from '../support/verifier-process';

let db: TempDatabase;
let key: string;
let eb: ExtensionBrowser;
let page: Page;
let portal: Portal;

let session: PortalSession | undefined;

beforeAll(async () => {
  session = await startPortalSession();
  ({ db, key, eb, page, portal } = session);
});

afterAll(async () => {
  await session?.close();
});

interface Enrolled {
  readonly name: string;
  readonly secret: string;
  readonly accountId: string;
  readonly step: number;
}

/** "Voeg authenticator toe" → scan with the extension → the popup's code → "Opslaan". */
async function enroll(name: string, password: string): Promise<Enrolled> {
  const secret = await portal.startEnrollment(name, password);
  const scan = await scanWithExtension(eb, page);
  expect(scan.status).toBe('added');
  const accountId = scan.ids[0] ?? '';
  const popup = await openPopup(eb, page);
  const shown = await currentPopupCode(popup, accountId, secret);
  await closePopup(eb, popup);
  expect((await portal.confirmEnrollment(shown.code)).path).toBe('/account');
  return { name, secret, accountId, step: shown.step };
}

async function popupCode(a: Enrolled): Promise<PopupCode> {
  const popup = await openPopup(eb, page);
  try {
    return await freshPopupCode(popup, a.accountId, a.secret, a.step);
  } finally {
    await closePopup(eb, popup);
  }
}

/** Logs out (if logged in) and sends the password step: where does it land? */
async function logoutAndEnterPassword(user: PortalUser): Promise<string> {
  if (await portal.loggedIn()) expect((await portal.logout()).path).toBe('/login');
  return (await portal.submitPassword(user)).path;
}

test('4. a remembered browser asks only the password, until all browsers are forgotten or the authenticator is removed', async () => {
  const user = freshUser('onthoud');
  await addUserWithCli({ databasePath: db.path, key }, user);
  await portal.loginByEmail(user);
  const plugin = await enroll('Chrome plugin', user.password);
  const second = await enroll('Chrome plugin werkplek 2', user.password);
  expect(await portal.authenticatorNames()).toEqual(['Chrome plugin', 'Chrome plugin werkplek 2']);

  // Log in with the code and "Onthoud deze browser voor 7 dagen".
  expect(await logoutAndEnterPassword(user)).toBe('/login/code');
  expect(await page.$eval('label.check', (l) => l.textContent)).toContain(
    'Onthoud deze browser voor 7 dagen',
  );
  const first = await popupCode(plugin);
  expect(await portal.submitAuthenticatorCode(plugin.name, first.code, true)).toEqual({
    status: 200,
    path: '/account',
  });
  // The next login asks only the password.
  expect(await logoutAndEnterPassword(user)).toBe('/account');

  // "Vergeet alle browsers": a code again.
  await portal.clickAndWait(await portal.byText('Vergeet alle browsers', 'main'));
  expect(await page.$eval('main', (m) => m.textContent)).toContain('Alle onthouden browsers zijn vergeten.');
  expect(await logoutAndEnterPassword(user)).toBe('/login/code');

  // Remembered again, with the other authenticator (its own replay guard allows this step).
  const again = await popupCode(second);
  expect(await portal.submitAuthenticatorCode(second.name, again.code, true)).toEqual({
    status: 200,
    path: '/account',
  });
  expect(await logoutAndEnterPassword(user)).toBe('/account');

  // Removing an authenticator (a recent login is needed: the confirmation page) forgets the browser too.
  const id = await portal.authenticatorId(plugin.name);
  await portal.clickAndWait(`tr[data-authenticator-id="${id}"] a[href$="/remove"]`);
  await portal.reauthIfAsked(user.password);
  expect(portal.path()).toBe(`/account/authenticators/${id}/remove`);
  expect(await page.$eval('h1', (h) => h.textContent)).toBe('Authenticator ‘Chrome plugin’ verwijderen?');
  await portal.clickAndWait(await portal.byText('Verwijderen', 'main'));
  expect(portal.path()).toBe('/account');
  expect(await portal.authenticatorNames()).toEqual(['Chrome plugin werkplek 2']);
  expect(await logoutAndEnterPassword(user)).toBe('/login/code');
  expect(await page.$$eval('#authenticator option', (o) => o.map((x) => x.textContent))).toEqual([
    'Chrome plugin werkplek 2',
  ]);
  // Each code step may wait up to 30 s for a code the replay guard has not seen (freshPopupCode):
  // two such waits, two enrollments with a scan and six logins can take more than two minutes on
  // a busy machine.
}, 180_000);
