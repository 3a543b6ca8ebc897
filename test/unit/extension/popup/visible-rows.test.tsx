// @vitest-environment happy-dom
import { Secret } from 'otpauth';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../../extension/otp';
import { AccountList, type ListActions } from '../../../../extension/popup/components/account-list';
import { ESTIMATED_ROW_PX } from '../../../../extension/popup/estimated-row-px';
import { ClockContext } from '../../../../extension/popup/hooks/use-clock';
import { keptRow, rowOffset, visibleRows } from '../../../../extension/popup/visible-rows';
import { installChromeI18n } from './chrome-i18n';
import {
  allByTestId,
  byTestId,
  click,
  digitsOf,
  expectedTotp,
  manualClock,
  press,
  rowButton,
  rowNames,
  SECRETS,
  T0,
  waitFor,
} from './popup-fixtures';

describe('visibleRows: which rows of a long list to render', () => {
  const rows50 = () => 50;
  it.each([
    { name: 'the top, no overscan', count: 100, top: 0, overscan: 0, start: 0, end: 10 },
    { name: 'the top, overscan below only', count: 100, top: 0, overscan: 100, start: 0, end: 12 },
    { name: 'scrolled half a row', count: 100, top: 25, overscan: 0, start: 0, end: 11 },
    { name: 'the middle, overscan both ways', count: 100, top: 2500, overscan: 100, start: 48, end: 62 },
    { name: 'the bottom', count: 100, top: 4500, overscan: 100, start: 88, end: 100 },
    { name: 'a short list', count: 3, top: 0, overscan: 600, start: 0, end: 3 },
    { name: 'no rows', count: 0, top: 0, overscan: 600, start: 0, end: 0 },
    { name: 'scrolled past the end', count: 5, top: 9000, overscan: 0, start: 4, end: 5 },
  ])('[$#] $name: rows $start to $end', ({ count, top, overscan, start, end }) => {
    const range = visibleRows(count, rows50, top, 500, overscan);
    expect(range).toMatchObject({ start, end });
    // The rows not rendered keep their space: the list is as tall as with every row.
    expect(range.before + (range.end - range.start) * 50 + range.after).toBe(count * 50);
    expect(range.before).toBe(rowOffset(range.start, rows50));
  });

  it('uses each row’s own height', () => {
    const height = (index: number) => (index === 2 ? 300 : 50);
    expect(visibleRows(10, height, 350, 100, 0)).toEqual({ start: 2, end: 4, before: 100, after: 300 });
    expect(rowOffset(4, height)).toBe(450);
  });

  it.each([
    { name: 'above the window', keep: 3, above: true, spaceBefore: 150 },
    { name: 'below the window', keep: 90, above: false, spaceBefore: (90 - 62) * 50 },
  ])(
    '[$#] a kept row $name sits in its own place; the list stays as tall',
    ({ keep, above, spaceBefore }) => {
      const range = visibleRows(100, rows50, 2500, 500, 100);
      const kept = keptRow(range, keep, rows50);
      expect(kept).toEqual({ index: keep, above, spaceBefore, spaceAfter: expect.any(Number) });
      if (kept === undefined) throw new Error('no kept row');
      // What is rendered, top to bottom: the list is exactly as tall as with every row.
      const window = (range.end - range.start) * 50;
      const keptPart = kept.spaceBefore + 50 + kept.spaceAfter;
      const total = above ? keptPart + window + range.after : range.before + window + keptPart;
      expect(total).toBe(100 * 50);
    },
  );

  it('keeps nothing extra for a row in the window, or none', () => {
    const range = visibleRows(100, rows50, 2500, 500, 100);
    expect(keptRow(range, 50, rows50)).toBeUndefined();
    expect(keptRow(range, undefined, rows50)).toBeUndefined();
    expect(keptRow(range, -1, rows50)).toBeUndefined();
  });
});

/** Accounts as the vault hands them out; odd ones use the second secret so codes differ by row. */
function accounts(count: number): Account[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `id-${i + 1}`,
    order: i,
    type: 'totp',
    secret: Secret.fromBase32(SECRETS[i % 2] ?? '').bytes,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    issuer: 'Portaal',
    label: `user${i + 1}`,
    name: `Account ${i + 1}`,
    pinned: false,
    createdAt: 0,
  }));
}

let container: HTMLElement | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
});

async function renderList(list: Account[]) {
  installChromeI18n('nl');
  const clock = manualClock();
  const actions: ListActions = {
    copy: vi.fn(),
    fill: vi.fn(),
    update: vi.fn(),
    remove: vi.fn(),
    move: vi.fn(),
  };
  const element = container ?? document.createElement('div');
  container = element;
  document.body.append(element);
  const draw = (shown: Account[] = list) =>
    act(() => {
      render(
        <ClockContext.Provider value={clock}>
          <AccountList accounts={shown} reorderable={true} complete={true} actions={actions} />
        </ClockContext.Provider>,
        element,
      );
    });
  await draw();
  const ul = element.querySelector('ul.accounts') as HTMLElement;
  const scrollTo = (top: number) =>
    act(() => {
      ul.scrollTop = top;
      ul.dispatchEvent(new Event('scroll'));
    });
  return { element, ul, clock, actions, draw, scrollTo };
}

const index = (row: Element) => Number(row.getAttribute('aria-posinset')) - 1;

/**
 * happy-dom lays nothing out (every row measures 0), so every row counts as the estimate, a
 * two-line row: scroll positions below are in such rows.
 */
const ROW = ESTIMATED_ROW_PX;
/** A two-line row as Chromium lays it out (test/e2e/popup-layout.test.ts holds the estimate to it). */
const CHROMIUM_ROW_PX = 75.671875;
/** The popup's list is at most this tall (popup.css: the popup's 580 px, less its toolbar). */
const POPUP_PX = 580;

describe('popup: a long list renders the rows in view, and reaches every one', () => {
  it('renders the rows around the view in full, with their place in the whole list', async () => {
    const { element, ul } = await renderList(accounts(200));
    const rows = allByTestId(element, 'account');
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.length).toBeLessThan(40);
    rows.forEach((row, i) => {
      expect(byTestId(row, 'account-name').textContent).toBe(`Account ${i + 1}`);
      expect(digitsOf(byTestId(row, 'code'))).toBe(expectedTotp(SECRETS[i % 2] ?? '', T0));
      expect(row.querySelector('.countdown')).not.toBeNull();
      byTestId(row, 'actions'); // throws when missing
      expect(row.getAttribute('aria-posinset')).toBe(String(i + 1));
      expect(row.getAttribute('aria-setsize')).toBe('200');
    });
    // The rows below are space: as tall as the rows would be.
    // (The one above is there too, 0 px tall: the rows keep their elements as the window moves.)
    const spacers = Array.from(ul.querySelectorAll<HTMLElement>('li.spacer')).filter(
      (spacer) => Number.parseFloat(spacer.style.height) > 0,
    );
    expect(spacers).toHaveLength(1);
    expect(Number.parseFloat(spacers[0]?.style.height ?? '')).toBeGreaterThan(150 * 50);
    expect(spacers[0]?.getAttribute('aria-hidden')).toBe('true');
  });

  it('counts the rows not rendered as tall as the rendered ones measure, to the fraction', async () => {
    // Rows taller than the built-in estimate, with a fraction: rounding would drift over 1,000 rows.
    const measure = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: HTMLElement,
    ) {
      return new DOMRect(0, 0, 320, this.matches('li.account') ? 86.5 : 0);
    });
    try {
      const { element, ul } = await renderList(accounts(1000));
      const rendered = allByTestId(element, 'account').length;
      const after = Number.parseFloat(
        ul.querySelector<HTMLElement>('li.spacer:last-child')?.style.height ?? '',
      );
      expect(after).toBeCloseTo((1000 - rendered) * 86.5, 3);
    } finally {
      measure.mockRestore();
    }
  });

  it('draws a first frame without a blank gap, whose list is as tall as its rows will measure', () => {
    const measure = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: HTMLElement,
    ) {
      return new DOMRect(0, 0, 320, this.matches('li.account') ? CHROMIUM_ROW_PX : 0);
    });
    try {
      installChromeI18n('nl');
      const element = document.createElement('div');
      container = element;
      document.body.append(element);
      const actions: ListActions = {
        copy: vi.fn(),
        fill: vi.fn(),
        update: vi.fn(),
        remove: vi.fn(),
        move: vi.fn(),
      };
      // Outside act: what render() leaves is the first frame, drawn before the list has measured
      // a row (it measures them right after, and draws itself again).
      render(
        <ClockContext.Provider value={manualClock()}>
          <AccountList accounts={accounts(1000)} reorderable={true} complete={true} actions={actions} />
        </ClockContext.Provider>,
        element,
      );
      const rows = allByTestId(element, 'account').length;
      const space = Array.from(element.querySelectorAll<HTMLElement>('li.spacer')).reduce(
        (sum, spacer) => sum + Number.parseFloat(spacer.style.height),
        0,
      );
      // The rows drawn fill the popup's list (no blank under them), with one row past it at most.
      expect(rows * CHROMIUM_ROW_PX).toBeGreaterThanOrEqual(POPUP_PX);
      expect((rows - 1) * CHROMIUM_ROW_PX).toBeLessThan(POPUP_PX);
      // The scroll bar is right from the first frame: the list is as tall as its 1,000 rows will
      // be, to a tenth of a pixel a row, and the last account is where scrolling will find it.
      expect(Math.abs(space + rows * CHROMIUM_ROW_PX - 1000 * CHROMIUM_ROW_PX)).toBeLessThan(1000 * 0.1);
    } finally {
      measure.mockRestore();
    }
  });

  it('shows every account with its code when scrolled to, top to bottom', async () => {
    const { element, scrollTo } = await renderList(accounts(200));
    const seen = new Map<string, string>();
    for (let top = 0; top <= 200 * ROW; top += 400) {
      await scrollTo(top);
      for (const row of allByTestId(element, 'account')) {
        seen.set(byTestId(row, 'account-name').textContent ?? '', digitsOf(byTestId(row, 'code')));
      }
    }
    expect(seen.size).toBe(200);
    for (let i = 0; i < 200; i++) {
      expect(seen.get(`Account ${i + 1}`)).toBe(expectedTotp(SECRETS[i % 2] ?? '', T0));
    }
    const rows = allByTestId(element, 'account');
    expect(rows.at(-1)?.getAttribute('aria-posinset')).toBe('200');
    expect(rows.length).toBeLessThan(40);
  });

  it('walks the whole list with the arrow keys, past the rows rendered at first', async () => {
    const { element } = await renderList(accounts(80));
    const firstRendered = allByTestId(element, 'account').length;
    rowButton(element, 'Account 1').focus();
    for (let i = 1; i < 60; i++) {
      await press(document.activeElement as Element, 'ArrowDown');
      await waitFor(() => expect(document.activeElement).toBe(rowButton(element, `Account ${i + 1}`)));
    }
    expect(60).toBeGreaterThan(firstRendered);
    for (let i = 60; i > 55; i--) {
      await press(document.activeElement as Element, 'ArrowUp');
      await waitFor(() => expect(document.activeElement).toBe(rowButton(element, `Account ${i - 1}`)));
    }
    expect(allByTestId(element, 'account').length).toBeLessThan(40);
  });

  it('End goes to the last row, not rendered at first, and Home back to the first', async () => {
    const { element } = await renderList(accounts(200));
    rowButton(element, 'Account 5').focus();
    await press(document.activeElement as Element, 'End');
    await waitFor(() => expect(document.activeElement).toBe(rowButton(element, 'Account 200')));
    await press(document.activeElement as Element, 'Home');
    await waitFor(() => expect(document.activeElement).toBe(rowButton(element, 'Account 1')));
    expect(allByTestId(element, 'account').length).toBeLessThan(40);
  });

  it('keeps the focused row when the wheel scrolls it out of view: the keys go on from it', async () => {
    const { element, ul, scrollTo } = await renderList(accounts(200));
    const focused = rowButton(element, 'Account 2');
    focused.focus();
    await scrollTo(150 * ROW);
    // Still rendered, still focused: a screen reader and the keyboard keep their place.
    expect(focused.isConnected).toBe(true);
    expect(document.activeElement).toBe(focused);
    const rows = allByTestId(element, 'account');
    expect(rows.length).toBeLessThan(40);
    expect(rows.some((row) => index(row) >= 149)).toBe(true);
    expect(rows[0]?.getAttribute('aria-posinset')).toBe('2');
    // The list is as tall as before: the kept row takes its own place, the space around it the rest.
    const spaces = Array.from(ul.querySelectorAll<HTMLElement>('li.spacer')).map((s) =>
      Number.parseFloat(s.style.height),
    );
    const total = spaces.reduce((sum, h) => sum + h, 0) + rows.length * ROW;
    expect(total).toBeCloseTo(200 * ROW, 0);
    await press(focused, 'ArrowDown');
    await waitFor(() => expect(document.activeElement).toBe(rowButton(element, 'Account 3')));
  });

  it('keeps a focused row from far down when the list is scrolled back to the top', async () => {
    const { element, scrollTo } = await renderList(accounts(200));
    await scrollTo(150 * ROW);
    const focused = rowButton(element, 'Account 151');
    focused.focus();
    await scrollTo(0);
    expect(document.activeElement).toBe(focused);
    const rows = allByTestId(element, 'account');
    expect(rows[0]?.getAttribute('aria-posinset')).toBe('1');
    expect(rows.at(-1)?.getAttribute('aria-posinset')).toBe('151');
    await press(focused, 'ArrowUp');
    await waitFor(() => expect(document.activeElement).toBe(rowButton(element, 'Account 150')));
  });

  it('keeps the focus as the wheel scrolls a few rows at a time away from the row and back', async () => {
    const { element, scrollTo } = await renderList(accounts(200));
    await scrollTo(120 * ROW);
    const focused = rowButton(element, 'Account 130');
    focused.focus();
    // Two rows per turn of the wheel, up well past the row, then back down past it.
    for (let top = 120 * ROW; top >= 60 * ROW; top -= 2 * ROW) {
      await scrollTo(top);
      expect(document.activeElement).toBe(focused);
    }
    for (let top = 60 * ROW; top <= 140 * ROW; top += 2 * ROW) {
      await scrollTo(top);
      expect(document.activeElement).toBe(focused);
    }
  });

  it('lets the kept row go once the focus leaves the list', async () => {
    const { element, scrollTo } = await renderList(accounts(200));
    rowButton(element, 'Account 2').focus();
    await scrollTo(150 * ROW);
    const elsewhere = document.createElement('input');
    document.body.append(elsewhere);
    await act(() => elsewhere.focus());
    await scrollTo(150 * ROW + 10);
    expect(rowNames(element)).not.toContain('Account 2');
    elsewhere.remove();
  });

  it('lets the kept row go when the focus goes nowhere (a click on a part that takes none)', async () => {
    const { element, scrollTo } = await renderList(accounts(200));
    const focused = rowButton(element, 'Account 2');
    focused.focus();
    await scrollTo(150 * ROW);
    await act(async () => {
      focused.blur();
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect(document.activeElement).toBe(document.body);
    await scrollTo(150 * ROW + 10);
    expect(rowNames(element)).not.toContain('Account 2');
  });

  it('copies a row once per click: the list does not handle it a second time', async () => {
    const { element, actions } = await renderList(accounts(12));
    await click(rowButton(element, 'Account 2'));
    expect(vi.mocked(actions.copy).mock.calls.map(([account]) => account.id)).toEqual(['id-2']);
  });

  it('shows the new code when the time step ends, in the rows scrolled to as well', async () => {
    const { element, clock, scrollTo } = await renderList(accounts(120));
    const next = T0 + 30_000;
    await act(() => clock.set(next));
    await scrollTo(100 * ROW);
    const rows = allByTestId(element, 'account');
    expect(rows.some((row) => index(row) >= 99)).toBe(true);
    for (const row of rows) {
      expect(digitsOf(byTestId(row, 'code'))).toBe(expectedTotp(SECRETS[index(row) % 2] ?? '', next));
    }
    expect(expectedTotp(SECRETS[1], next)).not.toBe(expectedTotp(SECRETS[1], T0));
  });

  it('starts from the rows that remain when a search shortens the list', async () => {
    const list = accounts(200);
    const { element, scrollTo, draw } = await renderList(list);
    await scrollTo(150 * ROW);
    await draw(list.filter((a) => a.name.endsWith('7')));
    // Twenty rows, scrolled far below them: the view shows the end of what is left, filled with
    // rows (the overscan's too), none blank.
    await waitFor(() => expect(rowNames(element).at(-1)).toBe('Account 197'));
    const shown = rowNames(element);
    expect(shown.every((name) => name.endsWith('7'))).toBe(true);
    expect(shown.length).toBeGreaterThanOrEqual(Math.ceil(POPUP_PX / ROW));
  });

  it('forgets a row once it is gone: no focus jump to it on a later render', async () => {
    const list = accounts(14);
    const { element, draw } = await renderList(list);
    rowButton(element, 'Account 13').focus();
    const elsewhere = document.createElement('input');
    document.body.append(elsewhere);
    elsewhere.focus();
    // A search hides the row, then shows it again (a new element); then the focus falls to the body.
    await draw(list.filter((a) => a.id !== 'id-13'));
    await draw(list);
    elsewhere.remove();
    await draw(list);
    expect(document.activeElement).toBe(document.body);
  });
});
