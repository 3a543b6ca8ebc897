import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../support/extension-browser';
import { expectedCodes } from '../support/scan-driver';

let eb: ExtensionBrowser;
beforeAll(async () => {
  eb = await launchWithExtension();
});
afterAll(async () => {
  await eb?.close();
});

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

test('manual entry in the real popup shows the same code as an independent TOTP computation', async () => {
  const popup = await eb.openPopupTab();
  // The popup renders once it knows whether the vault is locked.
  await popup.waitForSelector('[data-testid="add-manual"]');
  await popup.click('[data-testid="add-manual"]');
  await popup.type('input[name="secret"]', SECRET);
  await popup.type('input[name="issuer"]', 'Demo Portaal');
  await popup.type('input[name="label"]', 'demo');
  const before = Date.now();
  await popup.click('[data-testid="save"]');
  await popup.waitForSelector('[data-testid="account"] [data-testid="code"]');
  const code = await popup.$eval('[data-testid="account"] [data-testid="code"]', (el) =>
    (el.textContent ?? '').replace(/\D/g, ''),
  );
  expect(code).toMatch(/^\d{6}$/);
  expect(expectedCodes(SECRET, before)).toContain(code);

  // A row is one line: the fill button and the row's menu sit beside the code, not below it.
  const [codeBox, fillBox, menuBox] = await Promise.all(
    ['code', 'fill', 'actions'].map((id) =>
      popup.$eval(`[data-testid="account"] [data-testid="${id}"]`, (el) => {
        const { top, bottom } = el.getBoundingClientRect();
        return { middle: (top + bottom) / 2, top, bottom };
      }),
    ),
  );
  for (const box of [fillBox, menuBox]) {
    expect(box?.middle).toBeGreaterThan(codeBox?.top ?? Number.NaN);
    expect(box?.middle).toBeLessThan(codeBox?.bottom ?? Number.NaN);
  }

  // The account survives closing the popup: it is in the encrypted vault, not in page memory.
  await popup.close();
  const again = await eb.openPopupTab();
  await again.waitForSelector('[data-testid="account"]');
  const names = await again.$$eval('[data-testid="account-name"]', (els) => els.map((e) => e.textContent));
  expect(names.join(' ')).toContain('Demo Portaal');
  await again.close();
});
