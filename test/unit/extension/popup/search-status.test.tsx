// @vitest-environment happy-dom
/**
 * The search filters the list silently; once typing pauses, a status region tells a screen
 * reader how many accounts were found, and says nothing while typing goes on.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { SEARCH_STATUS_DELAY_MS, SearchField } from '../../../../extension/popup/components/search-field';
import { installChromeI18n } from './chrome-i18n';

let root: HTMLElement;
beforeEach(() => {
  vi.useFakeTimers();
  installChromeI18n('nl');
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

async function typed(value: string, found: number) {
  await act(() => render(<SearchField value={value} found={found} onInput={() => {}} />, root));
}
async function pause(ms = SEARCH_STATUS_DELAY_MS) {
  await act(() => {
    vi.advanceTimersByTime(ms);
  });
}
const status = () => root.querySelector('[data-testid="search-status"]');

test('says how many were found once typing pauses, not after every letter', async () => {
  await typed('z', 12);
  expect(status()?.getAttribute('role')).toBe('status');
  await pause(SEARCH_STATUS_DELAY_MS - 100);
  await typed('zo', 4);
  await pause(SEARCH_STATUS_DELAY_MS - 100);
  expect(status()?.textContent).toBe('');
  await typed('zor', 3);
  await pause();
  expect(status()?.textContent).toBe('3 accounts gevonden.');
  await typed('zorg', 1);
  await pause();
  expect(status()?.textContent).toBe('1 account gevonden.');
  await typed('zorgx', 0);
  await pause();
  expect(status()?.textContent).toBe('Geen accounts gevonden.');
  // The field emptied: the whole list again, nothing to say.
  await typed('', 30);
  await pause();
  expect(status()?.textContent).toBe('');
});
