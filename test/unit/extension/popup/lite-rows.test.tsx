// @vitest-environment happy-dom
import { Secret } from 'otpauth';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../../extension/otp';
import { AccountList, type ListActions } from '../../../../extension/popup/components/account-list';
import { ClockContext } from '../../../../extension/popup/hooks/use-clock';
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
  SECRETS,
  T0,
  waitFor,
} from './popup-fixtures';

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

/**
 * The list as the popup renders it while the vault is still being read (`complete` false): the
 * first 10 rows in full, the others light. Light rows are upgraded only once the listing is complete.
 */
async function renderList(list: Account[], complete: boolean) {
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
  const draw = (isComplete: boolean, shown: Account[] = list) =>
    act(() => {
      render(
        <ClockContext.Provider value={clock}>
          <AccountList accounts={shown} reorderable={isComplete} complete={isComplete} actions={actions} />
        </ClockContext.Provider>,
        element,
      );
    });
  await draw(complete);
  return { element, clock, actions, draw };
}

const isLight = (row: Element) => row.querySelector('[data-testid="actions"]') === null;

describe('popup: light rows (every code in the DOM at once, full rows a chunk at a time)', () => {
  it('shows every row with its name and current code; beyond the first screenful without actions', async () => {
    const { element } = await renderList(accounts(15), false);
    await waitFor(() => expect(allByTestId(element, 'account')).toHaveLength(15));
    const rows = allByTestId(element, 'account');
    expect(rows.map(isLight)).toEqual([...Array(10).fill(false), ...Array(5).fill(true)]);
    rows.forEach((row, i) => {
      expect(byTestId(row, 'account-name').textContent).toBe(`Account ${i + 1}`);
      expect(digitsOf(byTestId(row, 'code'))).toBe(expectedTotp(SECRETS[i % 2] ?? '', T0));
    });
  });

  it('copies a full row once per click: the list does not handle it a second time', async () => {
    const { element, actions } = await renderList(accounts(12), false);
    await waitFor(() => expect(allByTestId(element, 'account')).toHaveLength(12));
    await click(rowButton(element, 'Account 2'));
    expect(vi.mocked(actions.copy).mock.calls.map(([account]) => account.id)).toEqual(['id-2']);
  });

  it('copies a light row by click and by Enter, through the list', async () => {
    const { element, actions } = await renderList(accounts(12), false);
    await waitFor(() => expect(allByTestId(element, 'account')).toHaveLength(12));
    await click(rowButton(element, 'Account 12'));
    expect(actions.copy).toHaveBeenCalledTimes(1);
    expect(vi.mocked(actions.copy).mock.calls[0]?.[0].id).toBe('id-12');
    await press(rowButton(element, 'Account 11'), 'Enter');
    expect(vi.mocked(actions.copy).mock.calls.map(([account]) => account.id)).toEqual(['id-12', 'id-11']);
  });

  it('moves focus with the arrow keys into and between light rows', async () => {
    const { element } = await renderList(accounts(13), false);
    await waitFor(() => expect(allByTestId(element, 'account')).toHaveLength(13));
    rowButton(element, 'Account 10').focus();
    await press(rowButton(element, 'Account 10'), 'ArrowDown');
    expect(document.activeElement).toBe(rowButton(element, 'Account 11'));
    await press(rowButton(element, 'Account 11'), 'ArrowDown');
    expect(document.activeElement).toBe(rowButton(element, 'Account 12'));
    await press(rowButton(element, 'Account 12'), 'ArrowUp');
    expect(document.activeElement).toBe(rowButton(element, 'Account 11'));
  });

  it('keeps the focus on its row when that light row is replaced by a full one', async () => {
    const { element, draw } = await renderList(accounts(14), false);
    await waitFor(() => expect(allByTestId(element, 'account')).toHaveLength(14));
    const light = rowButton(element, 'Account 13');
    light.focus();
    expect(document.activeElement).toBe(light);
    await draw(true);
    await waitFor(() => expect(allByTestId(element, 'account').filter(isLight)).toHaveLength(0));
    expect(light.isConnected).toBe(false);
    expect(document.activeElement).toBe(rowButton(element, 'Account 13'));
  });

  it('does not take the focus back when the user moved it elsewhere before the upgrade', async () => {
    const { element, draw } = await renderList(accounts(14), false);
    await waitFor(() => expect(allByTestId(element, 'account')).toHaveLength(14));
    rowButton(element, 'Account 12').focus();
    const elsewhere = document.createElement('input');
    document.body.append(elsewhere);
    elsewhere.focus();
    await draw(true);
    await waitFor(() => expect(allByTestId(element, 'account').filter(isLight)).toHaveLength(0));
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });

  it('forgets a row once it is gone: no focus jump to it on a later render', async () => {
    const list = accounts(14);
    const { element, draw } = await renderList(list, false);
    await waitFor(() => expect(allByTestId(element, 'account')).toHaveLength(14));
    rowButton(element, 'Account 13').focus();
    const elsewhere = document.createElement('input');
    document.body.append(elsewhere);
    elsewhere.focus();
    // A search hides the row, then shows it again (a new element); then the focus falls to the body.
    await draw(
      false,
      list.filter((a) => a.id !== 'id-13'),
    );
    await draw(false, list);
    elsewhere.remove();
    await draw(false, list);
    expect(document.activeElement).toBe(document.body);
  });

  it('shows the new code in light rows when the time step ends', async () => {
    const { element, clock } = await renderList(accounts(12), false);
    await waitFor(() => expect(allByTestId(element, 'account')).toHaveLength(12));
    const next = T0 + 30_000;
    await act(() => clock.set(next));
    const rows = allByTestId(element, 'account');
    expect(isLight(rows[11] as Element)).toBe(true);
    rows.forEach((row, i) => {
      expect(digitsOf(byTestId(row, 'code'))).toBe(expectedTotp(SECRETS[i % 2] ?? '', next));
    });
    expect(expectedTotp(SECRETS[1], next)).not.toBe(expectedTotp(SECRETS[1], T0));
  });
});
