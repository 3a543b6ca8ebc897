// @vitest-environment happy-dom
import { HOTP, Secret } from 'otpauth';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import {
  byTestId,
  click,
  digitsOf,
  draft,
  expectedTotp,
  type Popup,
  renderPopup,
  SECRETS,
  T0,
  waitFor,
} from './popup-fixtures';

let popup: Popup | undefined;
afterEach(() => popup?.unmount());

describe('popup: codes over time', () => {
  it('shows the next code, outside `code`, only when fewer than 5 s remain, then rolls over', async () => {
    popup = await renderPopup([draft('Balie')]);
    const { container, clock } = popup;
    const row = await waitFor(() => byTestId(container, 'account'));
    // The seconds left to the eye; to a screen reader in steps of ten (countdown.test.tsx).
    const seconds = () => row.querySelector('.countdown [aria-hidden="true"]')?.textContent;
    expect(row.querySelector('[data-testid="next-code"]')).toBeNull();
    expect(seconds()).toBe('30');
    expect(row.textContent).toContain('Nog hooguit 30 seconden geldig');

    await act(() => clock.set(T0 + 25_000));
    expect(row.querySelector('[data-testid="next-code"]')).toBeNull();
    expect(seconds()).toBe('5');
    expect(row.textContent).toContain('Nog hooguit 10 seconden geldig');

    await act(() => clock.set(T0 + 25_001));
    const next = byTestId(row, 'next-code');
    const code = byTestId(row, 'code');
    expect(code.contains(next)).toBe(false);
    expect(digitsOf(next)).toBe(expectedTotp(SECRETS[0], T0 + 30_000));
    expect(digitsOf(code)).toBe(expectedTotp(SECRETS[0], T0));
    expect(seconds()).toBe('5');

    await act(() => clock.set(T0 + 29_000));
    expect(seconds()).toBe('1');
    expect(row.textContent).toContain('Nog hooguit 10 seconden geldig');

    await act(() => clock.set(T0 + 30_000));
    expect(digitsOf(byTestId(row, 'code'))).toBe(expectedTotp(SECRETS[0], T0 + 30_000));
    expect(row.querySelector('[data-testid="next-code"]')).toBeNull();
    expect(seconds()).toBe('30');
  });

  // Found by an accessibility review: "209 184" was read as two numbers ("two hundred nine, …").
  it('a screen reader gets the codes digit by digit; the digits on screen are hidden from it', async () => {
    popup = await renderPopup([draft('Balie')]);
    const { container, clock } = popup;
    const row = await waitFor(() => byTestId(container, 'account'));
    /** What a screen reader reads of the row: its text without what is hidden from it. */
    const heard = () => {
      const copy = row.cloneNode(true) as HTMLElement;
      for (const hidden of Array.from(copy.querySelectorAll('[aria-hidden="true"]'))) hidden.remove();
      return copy.textContent ?? '';
    };
    const spelled = (code: string) => [...code].join(' ');
    const now = expectedTotp(SECRETS[0], T0);
    expect(heard()).toContain(spelled(now));
    expect(heard()).not.toMatch(/\d{3}/);
    await act(() => clock.set(T0 + 26_000));
    expect(heard()).toContain(`Hierna: ${spelled(expectedTotp(SECRETS[0], T0 + 30_000))}`);
    expect(heard()).not.toMatch(/\d{3}/);
    // On screen, as before.
    expect(digitsOf(byTestId(row, 'code'))).toBe(now);
  });

  it('follows each account’s own period', async () => {
    popup = await renderPopup([draft('Kort', { period: 10 } as never)]);
    const { container, clock } = popup;
    const row = await waitFor(() => byTestId(container, 'account'));
    await act(() => clock.set(T0 + 7_000));
    expect(row.querySelector('.countdown [aria-hidden="true"]')?.textContent).toBe('3');
    expect(digitsOf(byTestId(row, 'next-code'))).toBe(expectedTotp(SECRETS[0], T0 + 10_000, 6, 10));
  });

  it('HOTP: shows the code at the counter, and "Volgende code" moves to the next counter', async () => {
    const secret = Secret.fromBase32(SECRETS[1]);
    const hotp = (counter: number) => HOTP.generate({ secret, counter });
    popup = await renderPopup([
      {
        type: 'hotp',
        secret: secret.bytes,
        algorithm: 'SHA1',
        digits: 6,
        counter: 4,
        issuer: 'VPN',
        label: '',
        name: '',
      },
    ]);
    const { container } = popup;
    const row = await waitFor(() => byTestId(container, 'account'));
    expect(digitsOf(byTestId(row, 'code'))).toBe(hotp(4));
    // Read digit by digit, as a TOTP code is.
    expect(byTestId(row, 'code').getAttribute('aria-hidden')).toBe('true');
    expect(row.querySelector('.code-box .sr-only')?.textContent).toBe([...hotp(4)].join(' '));
    expect(row.querySelector('.countdown')).toBeNull();
    const next = byTestId(row, 'next-hotp');
    expect(next.textContent).toBe('Volgende code');

    await click(next);
    await waitFor(() => expect(digitsOf(byTestId(row, 'code'))).toBe(hotp(5)));
    expect(popup.writeText).not.toHaveBeenCalled();
    const vault = await popup.reopen();
    const stored = (await vault.list()).accounts[0];
    vault.close();
    expect(stored).toMatchObject({ type: 'hotp', counter: 5 });
  });
});
