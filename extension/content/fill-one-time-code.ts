import type { FillOutcome } from '../page-helpers';

/**
 * Puts a one-time code into the page's code field. It runs in the page's isolated world (injected
 * by page-helpers-script.ts) and never submits a form.
 *
 * Which field: the focused input if it looks like a code field; otherwise the one visible input
 * that does (`autocomplete="one-time-code"`, a code-like name or id, or numeric input mode with
 * room for 6–8 characters); or a row of 6–8 one-character boxes, one digit each. More than one
 * candidate is ambiguous: nothing is filled (SECURITY #35: only where the user clearly meant). Nor
 * is anything filled on a page of another origin than the one the fill was decided for.
 */
export function fillOneTimeCode(code: string, origin: string): FillOutcome {
  // The worker decided for the site the tab showed then; while it opened the vault or waited for
  // the next code, the tab may have moved on to another page, which gets nothing.
  // The address's origin: a page sandboxed by its CSP has an opaque `location.origin` ('null').
  if (new URL(location.href).origin !== origin) return { filled: false, reason: 'elsewhere' };
  const CODE_NAME =
    /(^|[-_\s.[])(otp|totp|mfa|2fa|one[-_]?time[-_]?(code|password)?|code|token|pin|verification|authenticator)([-_\s.\]]|$)/i;
  const TEXT_TYPES = new Set(['text', 'tel', 'number', 'password']);

  const isVisible = (el: HTMLElement): boolean => {
    if (el.hidden || el.closest('[hidden], [aria-hidden="true"]')) return false;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const isEditable = (el: Element): el is HTMLInputElement =>
    el instanceof HTMLInputElement && TEXT_TYPES.has(el.type) && !el.disabled && !el.readOnly;
  /** maxlength of 6–8 (a code's length), or none but a code-like hint. */
  const codeSized = (el: HTMLInputElement) => el.maxLength >= code.length && el.maxLength <= 8;
  /**
   * A field that says it is for something else (autocomplete="postal-code", name="zip_code",
   * "promo-code", a phone number): never a code field, whatever else it looks like.
   */
  const OTHER_PURPOSE = /postal|post[-_]?code|zip|promo|coupon|voucher|discount|gift|iban|phone|captcha/i;
  const declaresOtherPurpose = (el: HTMLInputElement): boolean => {
    const autocomplete = el.getAttribute('autocomplete')?.trim().toLowerCase() ?? '';
    if (!['', 'on', 'off', 'one-time-code'].includes(autocomplete)) return true;
    return OTHER_PURPOSE.test(el.name) || OTHER_PURPOSE.test(el.id);
  };
  const looksLikeCodeField = (el: HTMLInputElement): boolean => {
    if (el.maxLength >= 0 && el.maxLength < code.length) return false;
    if (declaresOtherPurpose(el)) return false;
    if (el.getAttribute('autocomplete')?.trim().toLowerCase() === 'one-time-code') return true;
    if (CODE_NAME.test(el.name) || CODE_NAME.test(el.id)) return true;
    const numeric = el.getAttribute('inputmode') === 'numeric' || el.type === 'number' || el.type === 'tel';
    return numeric && codeSized(el);
  };

  /** React and friends track `value` on the element: set it through the prototype, then announce it. */
  const setValue = (el: HTMLInputElement, value: string) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    el.focus();
    if (setter) setter.call(el, value);
    else el.value = value;
    el.dispatchEvent(
      new InputEvent('input', { bubbles: true, composed: true, data: value, inputType: 'insertText' }),
    );
    el.dispatchEvent(new Event('change', { bubbles: true }));
  };

  // The field the user put the cursor in, if it could hold a code (a password or name field could not).
  const focused = document.activeElement;
  if (
    focused &&
    isEditable(focused) &&
    isVisible(focused) &&
    (looksLikeCodeField(focused) ||
      (focused.type !== 'password' && codeSized(focused) && !declaresOtherPurpose(focused)))
  ) {
    setValue(focused, code);
    return { filled: true, fields: 1 };
  }

  const inputs = Array.from(document.querySelectorAll('input')).filter(
    (el): el is HTMLInputElement => isEditable(el) && isVisible(el),
  );
  const candidates = inputs.filter(looksLikeCodeField);
  if (candidates.length === 1 && candidates[0]) {
    setValue(candidates[0], code);
    return { filled: true, fields: 1 };
  }
  if (candidates.length > 1) return { filled: false, reason: 'ambiguous' };

  // A row of one-character boxes inside one form: one digit each, in document order.
  const boxes = inputs.filter((el) => el.maxLength === 1);
  const form = boxes[0]?.form ?? null;
  if (boxes.length === code.length && boxes.every((el) => el.form === form)) {
    boxes.forEach((el, i) => {
      setValue(el, code[i] ?? '');
    });
    return { filled: true, fields: boxes.length };
  }
  return { filled: false, reason: 'no-field' };
}
