import { spawn } from 'node:child_process';
import { HOTP, Secret } from 'otpauth';
import type { ElementHandle, HTTPResponse, Page } from 'puppeteer-core';
import { type ExtensionBrowser, launchWithExtension, POPUP_PATH, pageOf } from './extension-browser';
import { overlayOpen } from './scan-driver';
import {
  exitOf,
  newVerifierKey,
  outboxCode,
  REPO_ROOT,
  startVerifier,
  type TempDatabase,
  tempDatabase,
  type VerifierProcess,
} from './verifier-process';

/**
 * Drives the verifier's pages the way a person does (menus, buttons, typed codes) and the
 * extension's scan flow (toolbar click, scan button, drag over the QR code, the popup's code).
 */

export interface PortalUser {
  readonly username: string;
  readonly password: string;
  readonly email: string;
  readonly mobile?: string;
}

/** The seeded demo user of a fresh database (docs/verifier.md, "The demo seed"). */
export const DEMO_USER: PortalUser = {
  username: 'demo',
  password: 'demo',
  email: 'demo@demo-praktijk.example',
  mobile: '+31612345678',
};
export const DEMO_ORG = 'Demo Praktijk';

/** launchWithExtension args for a Dutch browser: the verifier answers in Dutch, as the manual shows it. */
export const DUTCH_BROWSER = { args: ['--lang=nl', '--accept-lang=nl-NL,nl'] } as const;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let serial = 0;
/** A user name no other test in this worker uses. */
export function freshUser(prefix: string): PortalUser {
  serial += 1;
  const username = `${prefix}-${process.pid}-${serial}`;
  return { username, password: `wachtwoord-${username}`, email: `${username}@demo-praktijk.example` };
}

/** `add-user` through the CLI, on the database of the running verifier (same VERIFIER_DB and VERIFIER_KEY). */
export async function addUserWithCli(
  env: { readonly databasePath: string; readonly key: string },
  user: PortalUser,
  organisation = DEMO_ORG,
): Promise<void> {
  const args = ['add-user', user.username, '--org', organisation, '--email', user.email];
  if (user.mobile !== undefined) args.push('--mobile', user.mobile);
  const child = spawn(process.execPath, ['--import', 'tsx', 'verifier-server/server.ts', ...args], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      VERIFIER_DB: env.databasePath,
      VERIFIER_KEY: env.key,
      LOG_LEVEL: 'warn',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => {
    output += c;
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    output += c;
  });
  child.stdin?.end(`${user.password}\n`);
  const exit = await exitOf(child);
  if (exit.code !== 0)
    throw new Error(`add-user ${user.username} failed (${exit.code ?? exit.signal}): ${output}`);
}

/** RFC 6238 step (T0 = 0, 30 s) of `code` for `secret`, looked up around `now`; undefined if none matches. */
export function stepOfCode(secret: string, code: string, now = Date.now()): number | undefined {
  const step = Math.floor(now / 30_000);
  const key = Secret.fromBase32(secret);
  for (const delta of [0, 1, -1, 2, -2]) {
    if (HOTP.generate({ secret: key, counter: step + delta }) === code) return step + delta;
  }
  return undefined;
}

/** The code of `step` for `secret`, computed independently of the extension. */
export function codeAtStep(secret: string, step: number): string {
  return HOTP.generate({ secret: Secret.fromBase32(secret), counter: step });
}

/** What a verifier page answered after a form was sent or a link followed. */
export interface Landing {
  readonly status: number;
  readonly path: string;
}

export class Portal {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  path(): string {
    return new URL(this.page.url()).pathname;
  }

  async goto(path: string): Promise<Landing> {
    const response = await this.page.goto(new URL(path, this.baseUrl).href);
    return this.landing(response);
  }

  private landing(response: HTTPResponse | null): Landing {
    return { status: response?.status() ?? 0, path: this.path() };
  }

  /** Clicks and waits for the navigation it starts. */
  async clickAndWait(target: string | ElementHandle<Element>): Promise<Landing> {
    const element = typeof target === 'string' ? await this.page.$(target) : target;
    if (!element) throw new Error(`nothing matches ${String(target)} on ${this.page.url()}`);
    const [response] = await Promise.all([this.page.waitForNavigation(), element.click()]);
    return this.landing(response);
  }

  /** The link or button whose text is exactly `text`, inside `scope`. */
  async byText(text: string, scope = 'body'): Promise<ElementHandle<Element>> {
    for (const handle of await this.page.$$(`${scope} a, ${scope} button`)) {
      if ((await handle.evaluate((el) => el.textContent?.trim())) === text) return handle;
    }
    throw new Error(`no link or button "${text}" in ${scope} on ${this.page.url()}`);
  }

  async fill(selector: string, value: string): Promise<void> {
    await this.page.$eval(selector, (el) => {
      (el as HTMLInputElement).value = '';
    });
    await this.page.type(selector, value);
  }

  /** The form-level error (role=alert), or undefined. */
  async alert(): Promise<string | undefined> {
    return (
      (await this.page.$eval('#form-error', (el) => el.textContent ?? '').catch(() => undefined)) ?? undefined
    );
  }

  /** "Inloggen": the password step. Lands on /login/code, /login/fallback or /account. */
  async submitPassword(user: PortalUser): Promise<Landing> {
    await this.goto('/login');
    await this.fill('#username', user.username);
    await this.fill('#password', user.password);
    return this.clickAndWait('form[action="/login"] button[type="submit"]');
  }

  /** Second step: choose the authenticator by its name, type the code, optionally tick remember. */
  async submitAuthenticatorCode(authenticator: string, code: string, remember = false): Promise<Landing> {
    if (this.path() !== '/login/code') throw new Error(`not on the second step but on ${this.path()}`);
    const value = await this.page.$$eval(
      '#authenticator option',
      (options, name) => options.find((o) => o.textContent === name)?.getAttribute('value') ?? null,
      authenticator,
    );
    if (value === null) throw new Error(`no authenticator "${authenticator}" to choose`);
    await this.page.select('#authenticator', value);
    await this.fill('#code', code);
    const checked = await this.page.$eval('input[name="remember"]', (el) => (el as HTMLInputElement).checked);
    if (checked !== remember) await this.page.click('input[name="remember"]');
    return this.clickAndWait('form[action="/login/code"] button[type="submit"]:not([form])');
  }

  /** "Ik heb geen toegang…" (if on the second step), the channel, the code from the outbox. */
  async loginWithFallback(channel: 'email' | 'sms', to: string): Promise<Landing> {
    if (this.path() === '/login/code')
      await this.clickAndWait(await this.byText('Ik heb geen toegang tot mijn authenticator(s)'));
    if (this.path() !== '/login/fallback') throw new Error(`not on the fallback page but on ${this.path()}`);
    await this.page.click(`input[name="channel"][value="${channel}"]`);
    const sent = await this.clickAndWait('form[action="/login/fallback"] button[type="submit"]:not([form])');
    if (sent.path !== '/login/fallback/code')
      throw new Error(`sending the code: ${sent.status} ${sent.path}`);
    await this.fill('#code', await outboxCode(this.baseUrl, to));
    return this.clickAndWait('form[action="/login/fallback/code"] button[type="submit"]:not([form])');
  }

  /** A user without authenticators (organisation requires 2FA): password, then the code by e-mail. */
  async loginByEmail(user: PortalUser): Promise<void> {
    const first = await this.submitPassword(user);
    if (first.path !== '/login/fallback') throw new Error(`password step went to ${first.path}`);
    const done = await this.loginWithFallback('email', user.email);
    if (done.path !== '/account') throw new Error(`fallback code: ${done.status} ${done.path}`);
  }

  /** The username menu in the header, then one of its items. */
  async openUserMenu(): Promise<void> {
    const open = await this.page.$eval('details.menu', (el) => (el as HTMLDetailsElement).open);
    if (!open) await this.page.click('details.menu > summary');
  }

  async openAccountViaMenu(): Promise<Landing> {
    await this.openUserMenu();
    return this.clickAndWait(await this.byText('Mijn gegevens', 'details.menu'));
  }

  /** True when the header shows the user menu (a full session). */
  async loggedIn(): Promise<boolean> {
    return (await this.page.$('details.menu')) !== null;
  }

  async logout(): Promise<Landing> {
    await this.openUserMenu();
    return this.clickAndWait(await this.byText('Uitloggen', 'details.menu'));
  }

  /** On Mijn gegevens: the mobile number and its "Opslaan". */
  async setMobile(mobile: string): Promise<Landing> {
    await this.fill('#mobile', mobile);
    return this.clickAndWait('form[action="/account/mobile"] button[type="submit"]');
  }

  /** Names in the "Authenticator apps" table of Mijn gegevens. */
  async authenticatorNames(): Promise<string[]> {
    return this.page.$$eval('td.authenticator-name', (cells) => cells.map((c) => c.textContent ?? ''));
  }

  /** "Bevestig uw wachtwoord" when the page asks for it (a login older than 15 minutes, or a remembered one). */
  async reauthIfAsked(password: string): Promise<void> {
    if (this.path() !== '/account/reauth') return;
    await this.fill('#password', password);
    await this.clickAndWait('form[action="/account/reauth"] button[type="submit"]');
  }

  /**
   * From Mijn gegevens: "Voeg authenticator toe", the name, "Ga naar stap 2". Returns the secret shown
   * in #manual-key (only for computing expected codes independently; the typed codes come from the popup).
   */
  async startEnrollment(name: string, password: string): Promise<string> {
    await this.clickAndWait(await this.byText('Voeg authenticator toe', 'main'));
    await this.reauthIfAsked(password);
    if (this.path() !== '/account/authenticators/new') throw new Error(`step 1 not shown: ${this.path()}`);
    await this.fill('#name', name);
    const step2 = await this.clickAndWait(await this.byText('Ga naar stap 2', 'main'));
    if (step2.path !== '/account/authenticators/new/step-2')
      throw new Error(`step 2 not shown: ${step2.status}`);
    await this.page.waitForSelector('#qr-code');
    return (await this.page.$eval('#manual-key', (el) => el.textContent ?? '')).replace(/\s+/g, '');
  }

  /** Step 2: the code and "Opslaan". */
  async confirmEnrollment(code: string): Promise<Landing> {
    await this.fill('#code', code);
    return this.clickAndWait(
      await this.byText('Opslaan', 'form[action="/account/authenticators/new/step-2"]'),
    );
  }

  /** The id of an authenticator on Mijn gegevens, by name. */
  async authenticatorId(name: string): Promise<string> {
    const id = await this.page.$$eval(
      'tr[data-authenticator-id]',
      (rows, wanted) =>
        rows
          .find((r) => r.querySelector('td.authenticator-name')?.textContent === wanted)
          ?.getAttribute('data-authenticator-id') ?? null,
      name,
    );
    if (id === null) throw new Error(`no authenticator "${name}" listed`);
    return id;
  }
}

// ---------------------------------------------------------------------------------------------
// The extension side.

export interface LastScan {
  readonly status: string;
  readonly names: readonly string[];
  readonly ids: readonly string[];
  readonly at: number;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

function popupTargets(eb: ExtensionBrowser) {
  return eb.browser.targets().filter((t) => t.url().endsWith(POPUP_PATH));
}

/**
 * The popup: the one already open (after a scan the worker opens it by itself, chrome.action.openPopup,
 * to say what was added; clicking the icon then would close it), else the toolbar click on `page`.
 */
export async function openPopup(eb: ExtensionBrowser, page: Page): Promise<Page> {
  const open = popupTargets(eb);
  const target = open.find((t) => t.type() === 'page') ?? open[0];
  const popup = target ? await pageOf(target) : await eb.clickToolbar(page);
  await popup.waitForSelector('[data-testid="scan"]');
  return popup;
}

/** Closes the popup (unless Chrome already did) and waits until it is gone. */
export async function closePopup(eb: ExtensionBrowser, popup: Page): Promise<void> {
  if (!popup.isClosed()) {
    await popup.close().catch((error: unknown) => {
      if (!String(error).includes('No target with given id')) throw error;
    });
  }
  await waitFor('the popup to close', async () => popupTargets(eb).length === 0);
}

export interface ScanOptions {
  /** Runs after the scan button was clicked and the overlay is open, before the drag (e.g. stop the worker). */
  readonly beforeDrag?: () => Promise<void>;
  /** Runs with the mouse held down halfway through the drag (e.g. a screenshot). */
  readonly duringDrag?: () => Promise<void>;
}

/**
 * The manual's step 6: the toolbar icon, the scan button, a rectangle dragged from just outside the
 * QR code's top-left corner to just outside its bottom-right corner. Returns the new lastScan.
 */
export async function scanWithExtension(
  eb: ExtensionBrowser,
  page: Page,
  qrSelector = '#qr-code',
  options: ScanOptions = {},
): Promise<LastScan> {
  const observer = await scanObserver(eb);
  const seen = await observer.evaluate(() => (globalThis as unknown as ObserverScope).scans.length);
  await page.bringToFront();
  const popup = await openPopup(eb, page);
  await popup.click('[data-testid="scan"]');
  await waitFor('the overlay', () => overlayOpen(page));
  // A real popup closes as soon as the user clicks into the page.
  await closePopup(eb, popup);
  await options.beforeDrag?.();
  const qr = await page.$(qrSelector);
  const box = await qr?.boundingBox();
  if (!box) throw new Error(`no ${qrSelector} on the page`);
  await page.mouse.move(box.x - 8, box.y - 8);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await options.duringDrag?.();
  await page.mouse.move(box.x + box.width + 8, box.y + box.height + 8, { steps: 4 });
  await page.mouse.up();
  // Capture and decode: seconds on a loaded machine (as waitForScan in scan-driver.ts).
  const scan = await waitFor(
    'the scan outcome',
    () => observer.evaluate((n) => (globalThis as unknown as ObserverScope).scans[n], seen),
    30_000,
  );
  // The worker then opens the popup to show the outcome (manual step 7: "… is toegevoegd").
  await waitFor('the popup the worker opens', async () => popupTargets(eb).length > 0, 5_000).catch(() => {});
  return scan;
}

interface ObserverScope {
  scans: LastScan[];
  chrome: {
    storage: {
      session: {
        onChanged: {
          addListener(listener: (changes: Record<string, { newValue?: unknown }>) => void): void;
        };
      };
    };
  };
}

const observers = new WeakMap<ExtensionBrowser, Page>();

/**
 * A background extension tab that records every lastScan the worker writes. The popup *takes* the
 * outcome (reads and removes it) as soon as it opens, and the worker opens it right after a scan,
 * so polling storage would race with the popup. Its URL has a query, so it is never taken for the popup.
 */
async function scanObserver(eb: ExtensionBrowser): Promise<Page> {
  const existing = observers.get(eb);
  if (existing && !existing.isClosed()) return existing;
  const observer = await eb.browser.newPage();
  await observer.goto(`chrome-extension://${eb.extensionId}/${POPUP_PATH}?scan-observer`);
  await observer.evaluate(() => {
    const scope = globalThis as unknown as ObserverScope;
    scope.scans = [];
    scope.chrome.storage.session.onChanged.addListener((changes) => {
      const scan = changes.lastScan?.newValue;
      if (scan !== undefined) scope.scans.push(scan as LastScan);
    });
  });
  observers.set(eb, observer);
  return observer;
}

/** The popup's current code for one account (its only digits), and the upcoming one when shown. */
export interface PopupCodes {
  readonly current: string;
  readonly next: string | undefined;
}

export async function popupCodes(popup: Page, accountId: string): Promise<PopupCodes> {
  const row = await popup.waitForSelector(
    `[data-testid="account"][data-id="${accountId}"] [data-testid="code"]`,
  );
  if (!row) throw new Error(`account ${accountId} is not in the popup`);
  return popup.$eval(`[data-testid="account"][data-id="${accountId}"]`, (el) => {
    const digits = (node: Element | null) => (node?.textContent ?? '').replace(/\D/g, '');
    const next = el.querySelector('[data-testid="next-code"] .next-code-digits');
    return {
      current: digits(el.querySelector('[data-testid="code"]')),
      next: next ? digits(next) : undefined,
    };
  });
}

export interface PopupCode {
  readonly code: string;
  readonly step: number;
}

/**
 * Polls the popup until it shows a code for `secret` whose step is later than `afterStep` (the
 * verifier's replay guard accepts only later steps): the current code once the step changed, or the
 * upcoming code the popup shows in a step's last 5 s, whichever comes first. Bounded by ~35 s.
 */
export async function freshPopupCode(
  popup: Page,
  accountId: string,
  secret: string,
  afterStep: number,
  timeoutMs = 35_000,
): Promise<PopupCode> {
  return waitFor(
    `a popup code after step ${afterStep}`,
    async () => {
      const { current, next } = await popupCodes(popup, accountId);
      for (const code of [current, next]) {
        if (code === undefined) continue;
        const step = stepOfCode(secret, code);
        if (step !== undefined && step > afterStep) return { code, step };
      }
      return undefined;
    },
    timeoutMs,
    250,
  );
}

/** The popup's current code, with its step checked against an independent computation from `secret`. */
export async function currentPopupCode(popup: Page, accountId: string, secret: string): Promise<PopupCode> {
  const { current } = await popupCodes(popup, accountId);
  const step = stepOfCode(secret, current);
  if (step === undefined) throw new Error(`the popup's code ${current} does not belong to the secret`);
  return { code: current, step };
}

/** One verifier (fresh database) and one Dutch browser with the extension, as most portal tests need. */
export interface PortalSession {
  readonly db: TempDatabase;
  readonly key: string;
  readonly verifier: VerifierProcess;
  readonly eb: ExtensionBrowser;
  readonly page: Page;
  readonly portal: Portal;
  close(): Promise<void>;
}

export async function startPortalSession(): Promise<PortalSession> {
  const db = tempDatabase();
  const key = newVerifierKey();
  const verifier = await startVerifier({ databasePath: db.path, key });
  const eb = await launchWithExtension(DUTCH_BROWSER);
  const page = await eb.browser.newPage();
  await page.setViewport({ width: 1000, height: 820 });
  return {
    db,
    key,
    verifier,
    eb,
    page,
    portal: new Portal(page, verifier.url),
    async close() {
      await eb.close();
      await verifier.stop();
      db.remove();
    },
  };
}
