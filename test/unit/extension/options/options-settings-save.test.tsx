// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OptionsApp } from '../../../../extension/options/components/options-app';
import { openVault } from '../../../../extension/vault';
import { installChromeI18n } from '../popup/chrome-i18n';
import { byTestId, fill, waitFor } from '../popup/popup-fixtures';

/**
 * The options page's settings save themselves. What they say must follow the write to
 * chrome.storage.local: "Opgeslagen." only once it resolved, an error (and nothing lost) when it
 * rejected.
 */

let container: HTMLElement;
let dbName: string;
let counter = 0;

/** A chrome.storage.local whose writes wait until the test settles them, one by one. */
interface HeldStorage {
  readonly stored: Record<string, unknown>;
  readonly pending: { readonly items: Record<string, unknown>; settle(ok: boolean): void }[];
}

function installStorage(locale: 'nl' | 'en' = 'nl'): HeldStorage {
  installChromeI18n(locale);
  const held: HeldStorage = { stored: {}, pending: [] };
  const chrome = (globalThis as unknown as { chrome: Record<string, unknown> }).chrome;
  chrome.storage = {
    managed: { get: async () => ({}) },
    local: {
      get: async () => ({ ...held.stored }),
      set: (items: Record<string, unknown>) =>
        new Promise<void>((resolve, reject) => {
          held.pending.push({
            items,
            settle: (ok) => {
              if (!ok) return reject(new Error('QUOTA_BYTES quota exceeded'));
              Object.assign(held.stored, items);
              resolve();
            },
          });
        }),
    },
    onChanged: {
      addListener: (listener: ChangeListener) => changeListeners.push(listener),
      removeListener: (listener: ChangeListener) => {
        changeListeners = changeListeners.filter((l) => l !== listener);
      },
    },
  };
  return held;
}

type ChangeListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;
let changeListeners: ChangeListener[] = [];

/** Another tab stores `items`: Chrome tells every open page. */
async function storedElsewhere(held: HeldStorage, items: Record<string, unknown>): Promise<void> {
  Object.assign(held.stored, items);
  const changes = Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { newValue: v }]));
  await act(async () => {
    for (const listener of changeListeners) listener(changes, 'local');
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
}

/** Settles the oldest write still pending, and lets the page render what follows. */
async function settle(held: HeldStorage, ok: boolean): Promise<Record<string, unknown>> {
  const write = held.pending.shift();
  if (write === undefined) throw new Error('no write pending');
  await act(async () => {
    write.settle(ok);
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
  return write.items;
}

/** A few turns of the event loop: time enough for anything that does not wait on the write. */
async function idle() {
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
}

/** The page, drawn and settled: its effects have run, as they have before anyone can type. */
async function mount() {
  await act(() => render(<OptionsApp openVault={() => openVault({ dbName })} section="" />, container));
  await field('workstation-name');
  await idle();
}

function field<E extends HTMLInputElement | HTMLSelectElement = HTMLInputElement>(name: string): Promise<E> {
  return waitFor(() => {
    const element = container.querySelector(`[name="${name}"]`);
    if (element === null) throw new Error(`no ${name}`);
    return element as E;
  });
}

const shown = (id: string) => container.querySelector(`[data-testid="${id}"]`);

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  dbName = `options-save-${++counter}`;
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('options page: the workstation name says "Opgeslagen." only once it is stored', () => {
  it('while the write is pending, nothing is said; once it resolves, "Opgeslagen."', async () => {
    const held = installStorage();
    await mount();
    const name = await field('workstation-name');
    await fill(name, '  Chrome plugin balie ');
    await idle();
    expect(held.pending.map((write) => write.items)).toEqual([
      { 'settings.workstationName': 'Chrome plugin balie' },
    ]);
    expect(shown('workstation-saved')).toBeNull();
    expect(shown('workstation-save-failed')).toBeNull();

    await settle(held, true);
    await waitFor(() => expect(byTestId(container, 'workstation-saved').textContent).toBe('Opgeslagen.'));
    expect(name.value).toBe('Chrome plugin balie');
  });

  it('a write that fails says so, keeps the typed text, and leaving the field tries again', async () => {
    const held = installStorage();
    await mount();
    const name = await field('workstation-name');
    await fill(name, 'Chrome plugin balie');
    await settle(held, false);
    const error = await waitFor(() => byTestId(container, 'workstation-save-failed'));
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe(
      'Niet opgeslagen: de naam kon niet worden bewaard. Uw tekst staat nog in het veld; druk op Enter of verlaat het veld om het opnieuw te proberen.',
    );
    expect(shown('workstation-saved')).toBeNull();
    expect(name.value).toBe('Chrome plugin balie');
    expect(held.stored).toEqual({});

    // Unchanged, the field fires no change event when left: the page retries all the same.
    await act(() => {
      name.dispatchEvent(new FocusEvent('blur'));
    });
    expect(held.pending.map((write) => write.items)).toEqual([
      { 'settings.workstationName': 'Chrome plugin balie' },
    ]);
    expect(shown('workstation-save-failed')).toBeNull();
    await settle(held, true);
    await waitFor(() => byTestId(container, 'workstation-saved'));
    expect(held.stored).toEqual({ 'settings.workstationName': 'Chrome plugin balie' });
  });

  it('in English too', async () => {
    const held = installStorage('en');
    await mount();
    await fill(await field('workstation-name'), 'Front desk');
    await settle(held, false);
    await waitFor(() =>
      expect(byTestId(container, 'workstation-save-failed').textContent).toContain(
        'Not saved: the name could not be stored. Your text is still in the field',
      ),
    );
    expect((await field('workstation-name')).value).toBe('Front desk');
  });

  it('two saves in a row: the first write does not speak for the second', async () => {
    const held = installStorage();
    await mount();
    const name = await field('workstation-name');
    await fill(name, 'Chrome plugin');
    await fill(name, 'Chrome plugin balie');
    await idle();
    expect(shown('workstation-saved')).toBeNull();
    expect(await settle(held, true)).toEqual({ 'settings.workstationName': 'Chrome plugin' });
    await idle();
    expect(shown('workstation-saved')).toBeNull();
    expect(await settle(held, true)).toEqual({ 'settings.workstationName': 'Chrome plugin balie' });
    await waitFor(() => byTestId(container, 'workstation-saved'));
    expect(name.value).toBe('Chrome plugin balie');
  });
});

/** Types `value` into the field as a user does: input events only, no change, no blur. */
async function type(input: HTMLInputElement, value: string) {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const wait = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

describe('options page: the workstation name is saved as it is typed, without leaving the field', () => {
  it('a moment after the last keystroke: written once, with the latest text, and "Opgeslagen."', async () => {
    const held = installStorage();
    await mount();
    const name = await field('workstation-name');
    name.focus();
    for (const typed of ['C', 'Ch', 'Chrome', 'Chrome plugin balie ']) {
      await type(name, typed);
      await wait(50);
    }
    expect(held.pending).toEqual([]);
    await waitFor(() => expect(held.pending.length).toBe(1));
    expect(held.pending[0]?.items).toEqual({ 'settings.workstationName': 'Chrome plugin balie' });
    await settle(held, true);
    await waitFor(() => expect(byTestId(container, 'workstation-saved').textContent).toBe('Opgeslagen.'));
    // Still typing: the trailing space stays in the field, nothing typed is taken back.
    expect(name.value).toBe('Chrome plugin balie ');
    expect(document.activeElement).toBe(name);
  });

  it('text typed while an earlier write comes back stays in the field and is written too', async () => {
    const held = installStorage();
    await mount();
    const name = await field('workstation-name');
    await type(name, 'Chrome');
    await waitFor(() => expect(held.pending.length).toBe(1));
    await type(name, 'Chrome plugin');
    await settle(held, true);
    expect(name.value).toBe('Chrome plugin');
    await waitFor(() => expect(held.pending.length).toBe(1));
    expect(await settle(held, true)).toEqual({ 'settings.workstationName': 'Chrome plugin' });
    expect(held.stored).toEqual({ 'settings.workstationName': 'Chrome plugin' });
  });

  it.each([
    { closed: 'the tab is closed (pagehide)', close: () => window.dispatchEvent(new Event('pagehide')) },
    {
      closed: 'the tab is hidden (visibilitychange)',
      close: () => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
        Reflect.deleteProperty(document, 'visibilityState');
      },
    },
    { closed: 'the page goes (unmounted)', close: () => render(null, container) },
  ])('typed and at once $closed: the name is stored', async ({ close }) => {
    const held = installStorage();
    await mount();
    await type(await field('workstation-name'), 'Chrome plugin balie');
    await act(close);
    expect(held.pending.map((write) => write.items)).toEqual([
      { 'settings.workstationName': 'Chrome plugin balie' },
    ]);
    await settle(held, true);
    expect(held.stored).toEqual({ 'settings.workstationName': 'Chrome plugin balie' });
    // Written once: the pause that follows writes nothing more.
    await wait(500);
    expect(held.pending).toEqual([]);
  });

  it('a write while typing that fails says so, and leaving the field tries again', async () => {
    const held = installStorage();
    await mount();
    const name = await field('workstation-name');
    await type(name, 'Chrome plugin balie');
    await waitFor(() => expect(held.pending.length).toBe(1));
    await settle(held, false);
    await waitFor(() => byTestId(container, 'workstation-save-failed'));
    expect(name.getAttribute('aria-invalid')).toBe('true');
    await act(() => {
      name.dispatchEvent(new FocusEvent('blur'));
    });
    await settle(held, true);
    await waitFor(() => byTestId(container, 'workstation-saved'));
    expect(name.getAttribute('aria-invalid')).toBeNull();
    expect(held.stored).toEqual({ 'settings.workstationName': 'Chrome plugin balie' });
  });
});

describe('options page: a choice storage refused says so, and shows the one still in force', () => {
  it.each([
    { name: 'auto-lock', value: '30', failed: 'auto-lock-save-failed', key: 'settings.autoLockMinutes' },
    {
      name: 'clipboard-clear',
      value: '60',
      failed: 'clipboard-save-failed',
      key: 'settings.clipboardClearSeconds',
    },
  ])('[$#] the select $name', async ({ name, value, failed, key }) => {
    const held = installStorage();
    await mount();
    const select = await field<HTMLSelectElement>(name);
    const before = select.value;
    expect(before).not.toBe(value);
    await act(() => {
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await idle();
    expect(Object.keys(held.pending[0]?.items ?? {})).toEqual([key]);
    expect(shown(failed)).toBeNull();

    await settle(held, false);
    const error = await waitFor(() => byTestId(container, failed));
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe(
      'Niet opgeslagen: deze instelling kon niet worden bewaard, de vorige keuze geldt nog. Probeer het opnieuw.',
    );
    expect(select.value).toBe(before);

    // Chosen again, and stored this time: the error goes.
    await act(() => {
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(shown(failed)).toBeNull();
    await settle(held, true);
    await waitFor(() => expect(select.value).toBe(value));
    expect(shown(failed)).toBeNull();
  });

  it.each([
    { name: 'lock-on-screen-lock', failed: 'lock-on-screen-lock-save-failed' },
    { name: 'allow-secret-exports', failed: 'secret-exports-save-failed' },
  ])('[$#] the checkbox $name', async ({ name, failed }) => {
    const held = installStorage('en');
    await mount();
    const checkbox = await field(name);
    const before = checkbox.checked;
    await act(() => {
      checkbox.checked = !before;
      checkbox.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle(held, false);
    await waitFor(() =>
      expect(byTestId(container, failed).textContent).toBe(
        'Not saved: this setting could not be stored, the previous choice still applies. Try again.',
      ),
    );
    expect(checkbox.checked).toBe(before);
  });
});

describe('options page: the workstation name, found by a review of the save-while-typing change', () => {
  it('cleared while its earlier text is being written: the field stays empty, and empty is stored', async () => {
    const held = installStorage();
    await mount();
    const name = await field('workstation-name');
    name.focus();
    await type(name, 'Chrome');
    await waitFor(() => expect(held.pending.length).toBe(1));
    await type(name, '');
    // "Chrome" comes back from storage while the user is in the (now empty) field.
    await settle(held, true);
    expect(name.value).toBe('');
    await waitFor(() => expect(held.pending.length).toBe(1));
    expect(await settle(held, true)).toEqual({ 'settings.workstationName': '' });
    expect(name.value).toBe('');
  });

  it('"Opgeslagen." shows at a pause in typing, and is said aloud (a status) only once the field is left', async () => {
    const held = installStorage();
    await mount();
    const name = await field('workstation-name');
    name.focus();
    await type(name, 'Chrome plugin balie');
    await waitFor(() => expect(held.pending.length).toBe(1));
    await settle(held, true);
    const saved = () => byTestId(container, 'workstation-saved');
    const spoken = () => byTestId(container, 'workstation-saved-spoken');
    await waitFor(() => expect(saved().textContent).toBe('Opgeslagen.'));
    // Said from a status that is there all along, whose text changes only when the field is left.
    expect(spoken().getAttribute('role')).toBe('status');
    expect(spoken().textContent).toBe('');
    await act(() => {
      name.blur();
      name.dispatchEvent(new Event('blur'));
    });
    expect(spoken().textContent).toBe('Opgeslagen.');
    expect(saved().getAttribute('aria-hidden')).toBe('true');
    expect(held.pending).toEqual([]);
  });

  it('in the field without typing, it follows a name stored in another tab', async () => {
    const held = installStorage();
    await mount();
    const name = await field('workstation-name');
    name.focus();
    await storedElsewhere(held, { 'settings.workstationName': 'Chrome plugin behandelkamer 2' });
    await waitFor(() => expect(name.value).toBe('Chrome plugin behandelkamer 2'));
    expect(held.pending).toEqual([]);
  });
});
