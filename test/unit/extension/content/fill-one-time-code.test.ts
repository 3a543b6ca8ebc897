// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fillOneTimeCode } from '../../../../extension/content/fill-one-time-code';

// happy-dom lays nothing out: every box is 0 × 0. Give elements a size unless the test says
// `data-zero-size`, so "visible" means what it means in a browser.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const zero = this.hasAttribute('data-zero-size');
    return {
      x: 0,
      y: 0,
      top: 0,
      left: 0,
      right: 0,
      bottom: 0,
      width: zero ? 0 : 120,
      height: zero ? 0 : 24,
      toJSON: () => ({}),
    };
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const input = (selector: string) => document.querySelector(selector) as HTMLInputElement;
/** As the worker calls it: for the site the tab shows. */
const fill = (code: string) => fillOneTimeCode(code, location.origin);

describe('fillOneTimeCode: only on the site the fill was decided for', () => {
  test('a page of another origin (the tab moved on while the worker waited) gets nothing', () => {
    document.body.innerHTML = `<input id="code" name="code" autocomplete="one-time-code" maxlength="6">`;
    expect(fillOneTimeCode('123456', 'https://portaal.example')).toEqual({
      filled: false,
      reason: 'elsewhere',
    });
    expect(input('#code').value).toBe('');
    expect(fill('123456')).toEqual({ filled: true, fields: 1 });
  });

  test("a page sandboxed by its CSP (an opaque location.origin) is judged by its address's origin", () => {
    document.body.innerHTML = `<input id="code" name="code" autocomplete="one-time-code" maxlength="6">`;
    const site = new URL(location.href).origin;
    const origin = vi.spyOn(location, 'origin', 'get').mockReturnValue('null');
    try {
      expect(fillOneTimeCode('123456', site)).toEqual({ filled: true, fields: 1 });
    } finally {
      origin.mockRestore();
    }
  });
});

describe('fillOneTimeCode: which field (SECURITY #35)', () => {
  test("the verifier's second step: the one-time-code field gets the code", () => {
    document.body.innerHTML = `<form method="post" action="/login/code">
      <select name="authenticator"><option value="a">Chrome plugin balie</option></select>
      <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="10">
      <input type="checkbox" name="remember"><button type="submit">Inloggen</button></form>`;
    expect(fill('123456')).toEqual({ filled: true, fields: 1 });
    expect(input('#code').value).toBe('123456');
  });

  test.each([
    [0, '<input name="otp">'],
    [1, '<input id="totp-code">'],
    [2, '<input name="verification_code" type="tel">'],
    [3, '<input name="q" inputmode="numeric" maxlength="6">'],
    [4, '<input type="number" maxlength="8">'],
    [5, '<input name="user[otp_attempt]">'],
  ])('case %i: a code-like field %s is found', (_i, html) => {
    document.body.innerHTML = `<input name="search" type="text">${html}`;
    expect(fill('654321')).toEqual({ filled: true, fields: 1 });
    expect(Array.from(document.querySelectorAll('input')).map((el) => el.value)).toEqual(['', '654321']);
  });

  test('the focused field wins over others, if it could hold a code', () => {
    document.body.innerHTML = '<input id="a" autocomplete="one-time-code"><input id="b" maxlength="6">';
    input('#b').focus();
    expect(fill('111222')).toEqual({ filled: true, fields: 1 });
    expect([input('#a').value, input('#b').value]).toEqual(['', '111222']);
  });

  test('a focused username or password field is never filled', () => {
    document.body.innerHTML =
      '<input id="user" name="username" maxlength="100"><input id="pw" type="password" name="password">';
    input('#user').focus();
    expect(fill('111222')).toEqual({ filled: false, reason: 'no-field' });
    input('#pw').focus();
    expect(fill('111222')).toEqual({ filled: false, reason: 'no-field' });
    expect([input('#user').value, input('#pw').value]).toEqual(['', '']);
  });

  test.each([
    [0, '<input name="postal_code" maxlength="7">'],
    [1, '<input name="zip-code">'],
    [2, '<input id="promo_code">'],
    [3, '<input name="coupon-code" inputmode="numeric" maxlength="6">'],
    [4, '<input name="pin" autocomplete="postal-code" maxlength="6">'],
    [5, '<input name="q" type="tel" autocomplete="tel" maxlength="8">'],
  ])(
    'case %i: a field that says it is for something else, %s, is never filled, focused or not',
    (_i, html) => {
      document.body.innerHTML = html;
      const field = document.querySelector('input') as HTMLInputElement;
      expect(fill('123456')).toEqual({ filled: false, reason: 'no-field' });
      field.focus();
      expect(fill('123456')).toEqual({ filled: false, reason: 'no-field' });
      expect(field.value).toBe('');
    },
  );

  test('two fields that could be meant: nothing is filled', () => {
    document.body.innerHTML = '<input name="otp"><input name="backup-code">';
    expect(fill('111222')).toEqual({ filled: false, reason: 'ambiguous' });
    expect(Array.from(document.querySelectorAll('input')).every((el) => el.value === '')).toBe(true);
  });

  test.each([
    [0, 'hidden', '<input name="otp" hidden>'],
    [1, 'display: none', '<input name="otp" style="display:none">'],
    [2, 'inside aria-hidden', '<div aria-hidden="true"><input name="otp"></div>'],
    [3, 'zero-sized', '<input name="otp" data-zero-size>'],
    [4, 'disabled', '<input name="otp" disabled>'],
    [5, 'read-only', '<input name="otp" readonly>'],
    [6, 'too short for the code', '<input name="otp" maxlength="4">'],
    [7, 'a checkbox', '<input name="otp" type="checkbox">'],
  ])('case %i: a %s field is not a candidate', (_i, _what, html) => {
    document.body.innerHTML = `${html}<input id="real" autocomplete="one-time-code">`;
    expect(fill('333444')).toEqual({ filled: true, fields: 1 });
    expect(input('#real').value).toBe('333444');
  });

  test('a row of six one-digit boxes gets one digit each', () => {
    document.body.innerHTML = `<form>${'<input maxlength="1" inputmode="numeric">'.repeat(6)}</form>`;
    expect(fill('907132')).toEqual({ filled: true, fields: 6 });
    expect(
      Array.from(document.querySelectorAll('input'))
        .map((el) => el.value)
        .join(''),
    ).toBe('907132');
  });

  test('boxes that do not match the code length, or span two forms, are left alone', () => {
    document.body.innerHTML = `<form>${'<input maxlength="1">'.repeat(4)}</form>`;
    expect(fill('907132')).toEqual({ filled: false, reason: 'no-field' });
    document.body.innerHTML = `<form>${'<input maxlength="1">'.repeat(3)}</form><form>${'<input maxlength="1">'.repeat(3)}</form>`;
    expect(fill('907132')).toEqual({ filled: false, reason: 'no-field' });
  });

  test('a page without any field: no-field, and the page is unchanged', () => {
    document.body.innerHTML = '<p>Welkom</p>';
    const before = document.body.innerHTML;
    expect(fill('123456')).toEqual({ filled: false, reason: 'no-field' });
    expect(document.body.innerHTML).toBe(before);
  });
});

describe('fillOneTimeCode: how it fills', () => {
  test('frameworks hear input and change, with the new value; a value tracker on the element is bypassed', () => {
    document.body.innerHTML = '<form><input id="code" autocomplete="one-time-code"></form>';
    const field = input('#code');
    // What React does: an own `value` property that records what scripts set.
    let tracked = '';
    const proto = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
    Object.defineProperty(field, 'value', {
      configurable: true,
      get: () => proto?.get?.call(field),
      set: (v: string) => {
        tracked = v;
        proto?.set?.call(field, v);
      },
    });
    const heard: string[] = [];
    document.addEventListener('input', (e) => heard.push(`input:${(e.target as HTMLInputElement).value}`));
    document.addEventListener('change', (e) => heard.push(`change:${(e.target as HTMLInputElement).value}`));
    fill('246810');
    expect(heard).toEqual(['input:246810', 'change:246810']);
    expect(tracked).toBe(''); // the framework sees a change against its last known value
  });

  test('it never submits: no submit, no Enter', () => {
    document.body.innerHTML =
      '<form><input id="code" name="code" autocomplete="one-time-code"><button>OK</button></form>';
    const seen: string[] = [];
    document.addEventListener('submit', (e) => {
      seen.push('submit');
      e.preventDefault();
    });
    document.addEventListener('keydown', () => seen.push('keydown'));
    fill('135791');
    expect(seen).toEqual([]);
  });
});
