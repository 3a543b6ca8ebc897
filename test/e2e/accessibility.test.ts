/**
 * Issue 5, item 8: axe-core on the popup, the drag-select overlay while it is open, and every page
 * of the verifier. Serious or critical violations fail the page's test. One verifier (demo user on a
 * fresh database) and one browser; the pages are visited once in beforeAll, in the order a user
 * meets them, and each page's result is its own test.
 *
 * axe is evaluated through the DevTools protocol, which no page's CSP restricts (the verifier's CSP
 * is `default-src 'none'`, the popup's `script-src 'self'`): page.addScriptTag would be blocked.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page, SerializedAXNode } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../support/extension-browser';
import {
  closePopup,
  currentPopupCode,
  DEMO_USER,
  DUTCH_BROWSER,
  openPopup,
  Portal,
  scanWithExtension,
} from '../support/portal-driver';
import {
  newVerifierKey,
  startVerifier,
  type TempDatabase,
  tempDatabase,
  type VerifierProcess,
} from '../support/verifier-process';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

const PAGES = [
  'login',
  'login (wrong password)',
  'login (English)',
  'fallback: choose e-mail or SMS',
  'fallback: code',
  'Mijn gegevens (no authenticator)',
  'enroll step 1',
  'enroll step 2',
  'popup (empty)',
  'overlay (open)',
  'popup (with an account)',
  'popup (dark, with an account)',
  'Mijn gegevens (with an authenticator)',
  'Mijn gegevens (400 px wide, rename open)',
  'remove authenticator: confirm',
  'reauth (Bevestig uw wachtwoord)',
  'change password',
  'outbox',
  'not found',
  'second step',
  'second step (wrong code)',
  'options page (export form open)',
  'options (import preview)',
  'options (import report)',
] as const;
type PageName = (typeof PAGES)[number];

const results = new Map<PageName | 'control', readonly Violation[]>();
/** The focused node of the accessibility tree once the overlay opened. */
let overlayFocus: { role?: string; name?: string; description?: string } | undefined;
/** At 400 px (200 % zoom in an 800 px window): what runs past its card's edge, where the card would cut it off. */
let clippedAtNarrow: readonly string[] | undefined;
/** The popup toolbar's buttons as a screen reader has them: name and description. */
let toolbarButtons: ReadonlyArray<{ name?: string; description?: string }> | undefined;

let db: TempDatabase;
let verifier: VerifierProcess;
let eb: ExtensionBrowser;

/** Runs axe on `page` and keeps its violations under `name`; `only` keeps nodes whose selector has it. */
async function audit(name: PageName | 'control', page: Page, only?: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (): Promise<Violation[]> => {
    interface AxeResult {
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: unknown }>;
      }>;
    }
    const axe = (globalThis as unknown as { axe: { run(context: Document): Promise<AxeResult> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
  results.set(
    name,
    only === undefined
      ? violations
      : violations
          .map((v) => ({ ...v, targets: v.targets.filter((t) => t.includes(only)) }))
          .filter((v) => v.targets.length > 0),
  );
}

/**
 * The overlay lives in a closed shadow root, which axe cannot enter. Through the DevTools protocol
 * (which can) its content is copied into an open shadow root on a twin host, audited, and removed
 * again before the drag.
 */
async function auditOverlay(page: Page): Promise<void> {
  // What a screen reader has as the focus lands on the overlay (before the twin below exists).
  const snapshot = await page.accessibility.snapshot({ interestingOnly: false });
  const focused = (node: SerializedAXNode | null): SerializedAXNode | undefined => {
    if (node === null) return undefined;
    if (node.focused === true) return node;
    for (const child of node.children ?? []) {
      const found = focused(child);
      if (found) return found;
    }
    return undefined;
  };
  const landing = focused(snapshot);
  overlayFocus = { role: landing?.role, name: landing?.name, description: landing?.description };
  const cdp = await page.createCDPSession();
  interface DomNode {
    nodeName: string;
    backendNodeId: number;
    children?: DomNode[];
    shadowRoots?: Array<DomNode & { shadowRootType?: string }>;
  }
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const html = root.children?.find((n) => n.nodeName === 'HTML');
  const shadow = html?.children
    ?.flatMap((n) => n.shadowRoots ?? [])
    .find((s) => s.shadowRootType === 'closed');
  if (!shadow) throw new Error('no closed shadow root on <html>: is the overlay open?');
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
  await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: `function () {
      const twin = document.createElement('div');
      twin.id = 'axe-overlay-twin';
      twin.attachShadow({ mode: 'open' }).innerHTML = this.innerHTML;
      document.documentElement.append(twin);
    }`,
  });
  await cdp.detach();
  await audit('overlay (open)', page, 'axe-overlay-twin');
  await page.evaluate(() => document.getElementById('axe-overlay-twin')?.remove());
}

beforeAll(async () => {
  db = tempDatabase();
  verifier = await startVerifier({ databasePath: db.path, key: newVerifierKey() });
  eb = await launchWithExtension(DUTCH_BROWSER);
  const page = await eb.browser.newPage();
  await page.setViewport({ width: 1000, height: 820 });
  const portal = new Portal(page, verifier.url);

  await portal.goto('/login?lang=en');
  await audit('login (English)', page);
  await portal.goto('/login?lang=nl');
  await audit('login', page);
  await portal.submitPassword({ ...DEMO_USER, password: 'niet-het-wachtwoord' });
  await audit('login (wrong password)', page);

  expect((await portal.submitPassword(DEMO_USER)).path).toBe('/login/fallback');
  await audit('fallback: choose e-mail or SMS', page);
  await portal.clickAndWait('form[action="/login/fallback"] button[type="submit"]:not([form])');
  expect(portal.path()).toBe('/login/fallback/code');
  await audit('fallback: code', page);
  await portal.goto('/login/fallback');
  expect((await portal.loginWithFallback('email', DEMO_USER.email)).path).toBe('/account');
  await audit('Mijn gegevens (no authenticator)', page);

  await portal.clickAndWait(await portal.byText('Voeg authenticator toe', 'main'));
  await audit('enroll step 1', page);
  await portal.fill('#name', 'Chrome plugin');
  await portal.clickAndWait(await portal.byText('Ga naar stap 2', 'main'));
  const secret = (await page.$eval('#manual-key', (el) => el.textContent ?? '')).replace(/\s+/g, '');
  await audit('enroll step 2', page);

  // The control: a known critical violation inside an open shadow root, found the way the overlay's twin is.
  await page.evaluate(() => {
    const host = document.createElement('div');
    host.id = 'axe-control';
    host.attachShadow({ mode: 'open' }).innerHTML = '<img src="data:,">';
    document.documentElement.append(host);
  });
  await audit('control', page, 'axe-control');
  await page.evaluate(() => document.getElementById('axe-control')?.remove());

  const empty = await openPopup(eb, page);
  // Audited once the vault was read: the empty state, not the popup's first frame.
  await empty.waitForSelector('[data-testid="empty"]');
  await audit('popup (empty)', empty);
  await closePopup(eb, empty);
  const scan = await scanWithExtension(eb, page, '#qr-code', { beforeDrag: () => auditOverlay(page) });
  expect(scan.status).toBe('added');
  const popup = await openPopup(eb, page);
  await popup.waitForSelector('[data-testid="account"] [data-testid="code"]');
  await audit('popup (with an account)', popup);
  const tree = await popup.accessibility.snapshot({ interestingOnly: false });
  const buttonsIn = (node: SerializedAXNode | null): SerializedAXNode[] =>
    node === null
      ? []
      : [...(node.role === 'button' ? [node] : []), ...(node.children ?? []).flatMap(buttonsIn)];
  const toolbarTitles = await popup.$$eval('.icon-button[title]:not([data-testid="actions"])', (buttons) =>
    buttons.map((b) => b.getAttribute('title')),
  );
  toolbarButtons = buttonsIn(tree)
    .filter((b) => toolbarTitles.includes(b.name ?? ''))
    .map((b) => ({ name: b.name, description: b.description }));
  // Light and dark follow the system: the dark scheme is really applied, and readable too.
  const background = () => popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  expect(await background()).not.toBe(light);
  await audit('popup (dark, with an account)', popup);
  await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  const { code } = await currentPopupCode(popup, scan.ids[0] ?? '', secret);
  await closePopup(eb, popup);
  expect((await portal.confirmEnrollment(code)).path).toBe('/account');
  await audit('Mijn gegevens (with an authenticator)', page);
  // 200 % zoom in an 800 px window: every control and detail is still there to see and reach (a
  // wider table scrolls in a region of its own, which axe checks is keyboard-reachable).
  await page.setViewport({ width: 400, height: 820 });
  await page.$$eval('td details', (all) => {
    for (const details of all) (details as HTMLDetailsElement).open = true;
  });
  clippedAtNarrow = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.card')).flatMap((card) => {
      const edge = card.getBoundingClientRect().right;
      return Array.from(card.querySelectorAll('a, button, summary, input, dd'))
        .filter((el) => el.closest('.table-scroll') === null && el.getBoundingClientRect().right > edge + 1)
        .map((el) => `${el.tagName} ${(el.textContent || el.id).trim().slice(0, 30)}`)
        .concat(card.scrollWidth > card.clientWidth + 1 ? ['the card itself'] : []);
    }),
  );
  await audit('Mijn gegevens (400 px wide, rename open)', page);
  await page.setViewport({ width: 1000, height: 820 });

  const id = await portal.authenticatorId('Chrome plugin');
  await portal.goto(`/account/authenticators/${id}/remove`);
  expect(portal.path()).toBe(`/account/authenticators/${id}/remove`);
  await audit('remove authenticator: confirm', page);
  await portal.goto('/account/reauth?next=/account/authenticators/new');
  await audit('reauth (Bevestig uw wachtwoord)', page);
  await portal.goto('/account/password');
  await audit('change password', page);
  await portal.goto('/outbox');
  await audit('outbox', page);
  expect((await portal.goto('/bestaat-niet')).status).toBe(404);
  await audit('not found', page);

  await portal.goto('/account');
  await portal.logout();
  expect((await portal.submitPassword(DEMO_USER)).path).toBe('/login/code');
  await audit('second step', page);
  // Any six digits but the right ones: the page again with its error.
  await portal.submitAuthenticatorCode('Chrome plugin', code === '000000' ? '111111' : '000000');
  await audit('second step (wrong code)', page);

  // Issue 10: the options page "Importeren en exporteren", its preview and its report.
  const options = await eb.browser.newPage();
  await options.goto(`chrome-extension://${eb.extensionId}/extension/options/index.html`);
  // The page shows its sections once it has read its settings and the vault's state: wait for them.
  await options.waitForSelector('[data-testid="export-backup"]');
  await options.click('[data-testid="export-backup"]');
  await options.waitForSelector('input[name="export-passphrase"]');
  await audit('options page (export form open)', options);
  await options.type(
    'textarea[name="import-text"]',
    `otpauth://totp/Voorbeeld:balie?secret=${secret}&issuer=Voorbeeld`,
  );
  await options.click('[data-testid="import-read"]');
  await options.waitForSelector('[data-testid="import-preview"]');
  await audit('options (import preview)', options);
  await options.click('[data-testid="import-confirm"]');
  await options.waitForSelector('[data-testid="import-report"]');
  await audit('options (import report)', options);
  await options.close();
}, 90_000);

afterAll(async () => {
  if (process.env.AXE_REPORT) console.log(JSON.stringify(Object.fromEntries(results), null, 1));
  await eb?.close();
  await verifier?.stop();
  db?.remove();
});

const blocking = (violations: readonly Violation[] | undefined) =>
  (violations ?? [{ id: 'not audited', impact: 'critical', help: '', targets: [] }]).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );

test.each(PAGES)('8. %s: no serious or critical axe violations', (name) => {
  expect(blocking(results.get(name))).toEqual([]);
});

test('8. the audit itself: every page was audited, and a known violation in a shadow root is found', () => {
  expect([...results.keys()].filter((k) => k !== 'control').sort()).toEqual([...PAGES].sort());
  expect(blocking(results.get('control')).map((v) => v.id)).toContain('image-alt');
});

test('8. Mijn gegevens at 400 px wide (200 % zoom): no card cuts off a control or a detail', () => {
  expect(clippedAtNarrow).toEqual([]);
});

// Found by an accessibility review: an aria-label beside an equal title made Chromium read each
// toolbar button's name twice, as its name and again as its description.
test('the popup toolbar’s icon buttons are named once, by their title', () => {
  expect(toolbarButtons?.map((b) => b.name).sort()).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/scan/i),
      expect.stringMatching(/^(Instellingen|Settings)$/),
    ]),
  );
  expect(toolbarButtons?.length).toBeGreaterThanOrEqual(3);
  expect(toolbarButtons?.filter((b) => b.description !== undefined && b.description !== '')).toEqual([]);
});

// Found by an accessibility review: the overlay took the focus silently (a nameless layer), and its
// hint, a status that arrived with its text, was said by no screen reader.
test('the overlay, as the focus lands on it, is a named dialog described by its hint (Enter: the whole page)', () => {
  expect(overlayFocus).toMatchObject({ role: 'dialog' });
  expect(['Scan QR code', 'QR-code scannen']).toContain(overlayFocus?.name);
  expect(overlayFocus?.description).toMatch(/Enter/);
});
