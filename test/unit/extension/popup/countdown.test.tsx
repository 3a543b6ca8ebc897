// @vitest-environment happy-dom
/**
 * The countdown's text for screen readers is part of the row button's name: it changes in steps
 * of ten seconds, never every second (a screen reader re-reads a focused button whose name
 * changes), and never says less time than is left.
 */
import { render } from 'preact';
import { afterEach, expect, test } from 'vitest';
import { Countdown } from '../../../../extension/popup/components/countdown';
import { installChromeI18n } from './chrome-i18n';

const root = document.createElement('div');
afterEach(() => render(null, root));

function spoken(left: number, period = 30): string {
  render(<Countdown left={left} period={period} />, root);
  return root.querySelector('.sr-only')?.textContent ?? '';
}

test('one text for each ten seconds of a 30-second code, never less than is left', () => {
  installChromeI18n('nl');
  const texts = Array.from({ length: 30 }, (_, i) => spoken(30 - i));
  expect(new Set(texts)).toEqual(
    new Set([
      'Nog hooguit 30 seconden geldig',
      'Nog hooguit 20 seconden geldig',
      'Nog hooguit 10 seconden geldig',
    ]),
  );
  for (let left = 1; left <= 30; left++) {
    const said = Number(/(\d+)/.exec(spoken(left))?.[1]);
    expect(said).toBeGreaterThanOrEqual(left);
    expect(said - left).toBeLessThan(10);
  }
  // The seconds themselves are still shown, to the eye.
  render(<Countdown left={17} period={30} />, root);
  expect(root.querySelector('[aria-hidden="true"]')?.textContent).toBe('17');
});
