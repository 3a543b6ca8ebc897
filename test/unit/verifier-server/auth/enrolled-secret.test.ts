import { Secret } from 'otpauth';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { shownManualKey } from '../../../support/manual-key-of';
import { addUser, loginByEmail } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { userEnrolledViaScreens } from './second-step-fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

describe('secrets handed out at enrollment (SECURITY #10)', () => {
  test('32 base32 characters (160 bits) without padding, grouped by four in #manual-key', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    await browser.get('/account/authenticators/new');
    await browser.post('/account/authenticators/new', { name: 'Telefoon' });
    const step2 = await browser.get('/account/authenticators/new/step-2');
    const shown = shownManualKey(step2.body);
    expect(shown).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
    const base32 = shown.replace(/ /g, '');
    expect(base32).not.toContain('=');
    expect(Secret.fromBase32(base32).bytes).toHaveLength(20);
  });

  test('two enrollments get different secrets', async () => {
    const {
      authenticators: [a, b],
    } = await userEnrolledViaScreens(t, ['Telefoon', 'Chrome plugin']);
    expect(a?.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(b?.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(a?.secret).not.toBe(b?.secret);
  });

  test('a restarted enrollment gets a new secret, not the pending one', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    const shownKey = async () => {
      await browser.get('/account/authenticators/new');
      await browser.post('/account/authenticators/new', { name: 'Telefoon' });
      const step2 = await browser.get('/account/authenticators/new/step-2');
      return shownManualKey(step2.body);
    };
    const first = await shownKey();
    const second = await shownKey();
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(first).not.toBe(second);
  });
});
