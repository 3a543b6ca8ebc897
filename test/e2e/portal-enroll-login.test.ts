/**
 * Issue 5, items 1, 2, 3, 5, 6 and 9: the extension enrolled against the verifier as the portal
 * manual describes it, then used to log in. One verifier on a fresh database (the demo user) and one
 * browser profile for the file; the tests build on each other in order, like a person's session.
 *
 * Time steps: the verifier accepts a step only after the authenticator's last one (replay guard), so
 * every login waits until the popup shows a code for a later step (freshPopupCode, at most ~25 s).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../support/extension-browser';
import {
  closePopup,
  codeAtStep,
  currentPopupCode,
  DEMO_USER,
  DUTCH_BROWSER,
  freshPopupCode,
  openPopup,
  type PopupCode,
  Portal,
  scanWithExtension,
  sleep,
} from '../support/portal-driver';
import {
  newVerifierKey,
  startVerifier,
  type TempDatabase,
  tempDatabase,
  type VerifierProcess,
} from '../support/verifier-process';

// Written on every run to test-results/ (ignored by git); `UPDATE_SCREENSHOTS=1 npm run test:e2e`
// writes them to docs/screenshots/, which the README shows.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';
/** What Mijn gegevens is given, and where the SMS of item 6 must go (normalised to E.164). */
const MOBILE_TYPED = '06 98765432';
const MOBILE = '+31698765432';
/** After a refused code the account waits 1 s before the next attempt (docs/verifier.md, #8). */
const THROTTLE_AFTER_ONE_FAILURE_MS = 1_100;

interface Enrolled {
  readonly name: string;
  secret: string;
  /** The popup's account id (from lastScan). */
  accountId: string;
  /** The last step the verifier accepted for this authenticator. */
  lastStep: number;
}

interface Workstation {
  readonly eb: ExtensionBrowser;
  readonly page: Page;
  readonly portal: Portal;
}

let db: TempDatabase;
let verifier: VerifierProcess;
let workstation: Workstation;
let balie: Workstation | undefined;
const chromePlugin: Enrolled = { name: 'Chrome plugin', secret: '', accountId: '', lastStep: 0 };
const chromePluginBalie: Enrolled = { name: 'Chrome plugin balie', secret: '', accountId: '', lastStep: 0 };
let usedAtLogin: PopupCode | undefined;

async function openWorkstation(): Promise<Workstation> {
  const eb = await launchWithExtension(DUTCH_BROWSER);
  const page = await eb.browser.newPage();
  await page.setViewport({ width: 1000, height: 820 });
  return { eb, page, portal: new Portal(page, verifier.url) };
}

/** Opens the popup from the toolbar on the workstation's tab, reads what `read` wants, closes it. */
async function withPopup<T>(ws: Workstation, read: (popup: Page) => Promise<T>): Promise<T> {
  const popup = await openPopup(ws.eb, ws.page);
  try {
    return await read(popup);
  } finally {
    await closePopup(ws.eb, popup);
  }
}

/** The password step of a new login, which must ask for an authenticator code. */
async function passwordStepAsksCode(ws: Workstation): Promise<void> {
  if (await ws.portal.loggedIn()) await ws.portal.logout();
  const first = await ws.portal.submitPassword(DEMO_USER);
  expect(first.path).toBe('/login/code');
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  db = tempDatabase();
  verifier = await startVerifier({ databasePath: db.path, key: newVerifierKey() });
  workstation = await openWorkstation();
});

afterAll(async () => {
  await balie?.eb.close();
  await workstation?.eb.close();
  await verifier?.stop();
  db?.remove();
});

describe('the portal with the Chrome plugin (tests run in order and share the demo user)', () => {
  test('1. the demo user sets a mobile number and enrolls "Chrome plugin" by scanning the QR code', async () => {
    const { portal, page, eb } = workstation;
    // The demo user has no authenticator yet: the first login goes through a code by e-mail.
    await portal.loginByEmail(DEMO_USER);
    expect(portal.path()).toBe('/account');

    // Manual step 1: the user name top right, "Mijn gegevens".
    await portal.goto('/');
    const account = await portal.openAccountViaMenu();
    expect(account.path).toBe('/account');
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Mijn gegevens');

    // Manual step 2: the mobile number, "Opslaan".
    await portal.setMobile(MOBILE_TYPED);
    expect(await page.$eval('#mobile', (el) => (el as HTMLInputElement).value)).toBe(MOBILE);

    // "Voeg authenticator toe", the name, "Ga naar stap 2".
    chromePlugin.secret = await portal.startEnrollment(chromePlugin.name, DEMO_USER.password);
    expect(chromePlugin.secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.screenshot({ path: `${SCREENSHOTS}/enrollment.png`, fullPage: true });

    // The extension: toolbar, scan, drag over the QR code (item 9: the overlay mid-drag).
    const scan = await scanWithExtension(eb, page, '#qr-code', {
      duringDrag: async () => {
        await page.screenshot({ path: `${SCREENSHOTS}/overlay.png` });
      },
    });
    expect(scan.status).toBe('added');
    expect(scan.names.join(' ')).toContain('demo');
    chromePlugin.accountId = scan.ids[0] ?? '';

    // The popup's code, typed into the portal, "Opslaan".
    const shown = await withPopup(workstation, async (popup) => {
      const code = await currentPopupCode(popup, chromePlugin.accountId, chromePlugin.secret);
      await popup.screenshot({ path: `${SCREENSHOTS}/popup.png` });
      return code;
    });
    const saved = await portal.confirmEnrollment(shown.code);
    expect(saved.path).toBe('/account');
    expect(await portal.authenticatorNames()).toEqual(['Chrome plugin']);
    expect(await page.$eval('main', (m) => m.textContent)).toContain(
      'Authenticator ‘Chrome plugin’ is toegevoegd.',
    );
    chromePlugin.lastStep = shown.step;
  });

  test('2. log out, log in: "Chrome plugin" and the code the popup shows now', async () => {
    const { portal, page } = workstation;
    const out = await portal.logout();
    expect(out.path).toBe('/login');
    await passwordStepAsksCode(workstation);
    expect(await page.$$eval('#authenticator option', (o) => o.map((x) => x.textContent))).toEqual([
      'Chrome plugin',
    ]);
    // The enrollment used this step: wait until the popup shows a later one.
    const fresh = await withPopup(workstation, (popup) =>
      freshPopupCode(popup, chromePlugin.accountId, chromePlugin.secret, chromePlugin.lastStep),
    );
    const done = await portal.submitAuthenticatorCode(chromePlugin.name, fresh.code);
    expect(done).toEqual({ status: 200, path: '/account' });
    expect(await page.$eval('#username', (el) => el.textContent)).toBe('demo');
    chromePlugin.lastStep = fresh.step;
    usedAtLogin = fresh;
    // Up to ~30 s of it waits for a later step (freshPopupCode): more than the default minute
    // in all on a busy machine.
  }, 90_000);

  test("3. the same code on a new login is refused; the next period's code is accepted", async () => {
    const { portal } = workstation;
    const used = usedAtLogin;
    if (!used) throw new Error('test 2 did not log in');
    await passwordStepAsksCode(workstation);

    const replay = await portal.submitAuthenticatorCode(chromePlugin.name, used.code);
    expect(replay).toEqual({ status: 401, path: '/login/code' });
    expect(await portal.alert()).toContain('Deze code is al gebruikt. Elke code werkt maar één keer');
    await sleep(THROTTLE_AFTER_ONE_FAILURE_MS);

    const next = await withPopup(workstation, (popup) =>
      freshPopupCode(popup, chromePlugin.accountId, chromePlugin.secret, used.step),
    );
    // The next time step's code (found by computing codes from #manual-key); the portal's
    // acceptance below is the independent check.
    expect(next.step).toBe(used.step + 1);
    const done = await portal.submitAuthenticatorCode(chromePlugin.name, next.code);
    expect(done).toEqual({ status: 200, path: '/account' });
    chromePlugin.lastStep = next.step;
  }, 90_000);

  test('6. "Ik heb geen toegang tot mijn authenticator(s)" → SMS → the code from the outbox', async () => {
    const { portal, page } = workstation;
    await passwordStepAsksCode(workstation);
    const done = await portal.loginWithFallback('sms', MOBILE);
    expect(done).toEqual({ status: 200, path: '/account' });
    expect(await page.$eval('#username', (el) => el.textContent)).toBe('demo');
    const outbox = (await (await fetch(`${verifier.url}/outbox.json`)).json()) as Array<{
      channel: string;
      to: string;
    }>;
    expect(outbox[0]).toMatchObject({ channel: 'sms', to: MOBILE });
  });

  test('5. a second workstation enrolls "Chrome plugin balie"; each authenticator accepts only its own codes', async () => {
    balie = await openWorkstation();
    const b = balie;
    // Balie has no authenticator of its own yet: the code by e-mail.
    await passwordStepAsksCode(b);
    expect((await b.portal.loginWithFallback('email', DEMO_USER.email)).path).toBe('/account');
    await b.portal.openAccountViaMenu();
    chromePluginBalie.secret = await b.portal.startEnrollment(chromePluginBalie.name, DEMO_USER.password);
    expect(chromePluginBalie.secret).not.toBe(chromePlugin.secret);
    const scan = await scanWithExtension(b.eb, b.page);
    expect(scan.status).toBe('added');
    chromePluginBalie.accountId = scan.ids[0] ?? '';
    const shown = await withPopup(b, async (popup) => {
      // The second profile holds only its own account (the rows come in one render).
      await popup.waitForSelector('[data-testid="account"]');
      expect(await popup.$$('[data-testid="account"]')).toHaveLength(1);
      return currentPopupCode(popup, chromePluginBalie.accountId, chromePluginBalie.secret);
    });
    expect((await b.portal.confirmEnrollment(shown.code)).path).toBe('/account');
    expect(await b.portal.authenticatorNames()).toEqual(['Chrome plugin', 'Chrome plugin balie']);
    chromePluginBalie.lastStep = shown.step;

    // Both workstations at the second step; each waits for a code its authenticator has not used
    // yet (concurrently: a code stays valid for one more step, and the waits need not add up).
    await passwordStepAsksCode(b);
    await passwordStepAsksCode(workstation);
    const [balieCode, ownCode] = await Promise.all([
      withPopup(b, (popup) =>
        freshPopupCode(
          popup,
          chromePluginBalie.accountId,
          chromePluginBalie.secret,
          chromePluginBalie.lastStep,
        ),
      ),
      withPopup(workstation, (popup) =>
        freshPopupCode(popup, chromePlugin.accountId, chromePlugin.secret, chromePlugin.lastStep),
      ),
    ]);
    expect(balieCode.code).not.toBe(codeAtStep(chromePlugin.secret, balieCode.step));
    expect(ownCode.code).not.toBe(codeAtStep(chromePluginBalie.secret, ownCode.step));

    // Balie's code: refused for "Chrome plugin", accepted for "Chrome plugin balie".
    expect(await b.portal.submitAuthenticatorCode(chromePlugin.name, balieCode.code)).toEqual({
      status: 401,
      path: '/login/code',
    });
    await sleep(THROTTLE_AFTER_ONE_FAILURE_MS);
    expect(await b.portal.submitAuthenticatorCode(chromePluginBalie.name, balieCode.code)).toEqual({
      status: 200,
      path: '/account',
    });
    chromePluginBalie.lastStep = balieCode.step;

    // The first workstation's code: refused for "Chrome plugin balie", accepted for "Chrome plugin".
    expect(await workstation.portal.submitAuthenticatorCode(chromePluginBalie.name, ownCode.code)).toEqual({
      status: 401,
      path: '/login/code',
    });
    await sleep(THROTTLE_AFTER_ONE_FAILURE_MS);
    expect(await workstation.portal.submitAuthenticatorCode(chromePlugin.name, ownCode.code)).toEqual({
      status: 200,
      path: '/account',
    });
    chromePlugin.lastStep = ownCode.step;
    // A second browser, a login by e-mail, a scan, and a wait of up to ~30 s for unused codes:
    // on a busy machine more than the default minute.
  }, 120_000);
});
