// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, expect, test } from 'vitest';
import { lazyComponent } from '../../../../extension/popup/lazy-component';
import { installChromeI18n } from './chrome-i18n';

/**
 * The panels a click opens are fetched with import() (components/lazy-panels.ts): shown as soon as
 * their code is there, at once when preloaded; a failed load says so in the panel's place and is
 * fetched again the next time the panel is shown.
 */
const host = document.createElement('div');
document.body.append(host);
afterEach(() => {
  render(null, host);
  delete (globalThis as { chrome?: unknown }).chrome;
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

function Panel({ text }: { readonly text: string }) {
  return <p data-testid="panel">{text}</p>;
}

test('shows nothing until the code is there, then the panel with its props; one fetch for every showing', async () => {
  let fetches = 0;
  let arrive: (component: typeof Panel) => void = () => undefined;
  const Lazy = lazyComponent<{ text: string }>(() => {
    fetches++;
    return new Promise((resolve) => {
      arrive = resolve;
    });
  });
  render(<Lazy text="balie" />, host);
  // The fetch starts in an effect, after the first frame: nothing is shown meanwhile.
  while (fetches === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(host.querySelector('[data-testid="panel"]')).toBeNull();
  arrive(Panel);
  await settle();
  expect(host.querySelector('[data-testid="panel"]')?.textContent).toBe('balie');
  render(null, host);
  render(<Lazy text="behandelkamer 1" />, host);
  // Already fetched: in the first frame, without another fetch.
  expect(host.querySelector('[data-testid="panel"]')?.textContent).toBe('behandelkamer 1');
  expect(fetches).toBe(1);
});

test('preloaded: the first showing has the panel in its first frame', async () => {
  const Lazy = lazyComponent<{ text: string }>(async () => Panel);
  await Lazy.preload();
  render(<Lazy text="balie" />, host);
  expect(host.querySelector('[data-testid="panel"]')?.textContent).toBe('balie');
});

test('a failed fetch is tried again the next time the panel is shown', async () => {
  let fetches = 0;
  const Lazy = lazyComponent<{ text: string }>(async () => {
    fetches++;
    if (fetches === 1) throw new Error('offline for a moment');
    return Panel;
  });
  await Lazy.preload();
  render(<Lazy text="balie" />, host);
  await settle();
  expect(host.querySelector('[data-testid="panel"]')?.textContent).toBe('balie');
  expect(fetches).toBe(2);
});

test.each([
  ['nl', 'Dit onderdeel kon niet worden geladen. Sluit dit venster en open het opnieuw.'],
  ['en', 'This part could not be loaded. Close this window and open it again.'],
] as const)(
  'a failed fetch says so in the panel’s place (%s); the next showing that loads has the panel',
  async (locale, message) => {
    installChromeI18n(locale);
    let fetches = 0;
    // As after an update while the popup was open: the old file is gone.
    const Lazy = lazyComponent<{ text: string }>(async () => {
      fetches++;
      if (fetches === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return Panel;
    });
    render(<Lazy text="balie" />, host);
    await settle();
    const failed = host.querySelector('[data-testid="lazy-failed"]');
    expect(failed?.getAttribute('role')).toBe('alert');
    expect(failed?.textContent).toBe(message);
    expect(host.querySelector('[data-testid="panel"]')).toBeNull();
    render(null, host);
    render(<Lazy text="balie" />, host);
    await settle();
    expect(host.querySelector('[data-testid="lazy-failed"]')).toBeNull();
    expect(host.querySelector('[data-testid="panel"]')?.textContent).toBe('balie');
    expect(fetches).toBe(2);
  },
);
