// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  allByTestId,
  byTestId,
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

describe('popup: a long list', () => {
  it('puts every code in the DOM, then gives every row its countdown and actions', async () => {
    const count = 150;
    popup = await renderPopup(Array.from({ length: count }, (_, i) => draft(`Account ${i + 1}`)));
    const { container } = popup;
    await waitFor(() => expect(allByTestId(container, 'code')).toHaveLength(count));
    for (const code of allByTestId(container, 'code'))
      expect(digitsOf(code)).toBe(expectedTotp(SECRETS[0], T0));
    await waitFor(() => {
      const rows = allByTestId(container, 'account');
      expect(rows.filter((row) => row.querySelector('.countdown') !== null)).toHaveLength(count);
      expect(rows.filter((row) => row.querySelector('[data-testid="actions"]') !== null)).toHaveLength(count);
    });
    const last = allByTestId(container, 'account').at(-1);
    expect(last && byTestId(last, 'account-name').textContent).toBe(`Account ${count}`);
  });
});
