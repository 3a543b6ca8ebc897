// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readActivity } from '../../../../extension/activity/read-activity';
import { eraseLockedVault } from '../../../../extension/lock/erase-locked-vault';
import type { UnlockResult } from '../../../../extension/lock/unlock-with-passphrase';
import { OptionsApp } from '../../../../extension/options/components/options-app';
import type { AccountDraft } from '../../../../extension/otp';
import {
  eraseVault,
  MIN_ARGON2ID,
  openVault,
  type SessionKey,
  VaultLockedError,
} from '../../../../extension/vault';
import { fakeStorageArea } from '../../../support/fake-storage-area';
import { installChromeI18n } from '../popup/chrome-i18n';
import { byTestId, click, fill, submit, waitFor } from '../popup/popup-fixtures';

let container: HTMLElement;

const account = (): AccountDraft => ({
  type: 'totp',
  secret: new Uint8Array(20).fill(7),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  issuer: 'Zorgportaal',
  label: 'balie',
  name: '',
});
let dbName: string;
let counter = 0;
let session: SessionKey | undefined;

/** chrome.i18n plus a fake policy (chrome.storage.managed) and user settings. */
function installStorage(policy: Record<string, unknown> = {}, locale: 'nl' | 'en' = 'nl') {
  installChromeI18n(locale);
  const chrome = (globalThis as unknown as { chrome: Record<string, unknown> }).chrome;
  chrome.storage = {
    managed: { get: async () => policy },
    local: { get: async () => ({}), set: async () => undefined },
  };
  return policy;
}

/** The user's settings start empty; each write to them is recorded, in order. */
function recordSettingWrites(): Record<string, unknown>[] {
  const stored: Record<string, unknown>[] = [];
  const chrome = (globalThis as unknown as { chrome: { storage: Record<string, unknown> } }).chrome;
  chrome.storage.local = {
    get: async () => ({}),
    set: async (items: Record<string, unknown>) => void stored.push(items),
  };
  return stored;
}

async function mount(
  options: {
    unlock?: ((p: string) => Promise<UnlockResult>) | 'real';
    section?: string;
    eraseVault?: () => Promise<void>;
  } = {},
) {
  const open = () => openVault({ dbName, session });
  await act(() =>
    render(
      <OptionsApp
        openVault={open}
        {...(options.unlock === 'real'
          ? {}
          : { unlock: options.unlock ?? (async () => ({ status: 'unlocked' })) })}
        keepSession={async (next) => {
          session = next;
        }}
        section={options.section ?? ''}
        {...(options.eraseVault ? { eraseVault: options.eraseVault } : {})}
      />,
      container,
    ),
  );
}

const field = (name: string) =>
  waitFor(() => {
    const element = container.querySelector(`[name="${name}"]`);
    if (element === null) throw new Error(`no ${name}`);
    return element as HTMLInputElement;
  });

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  dbName = `options-lock-${++counter}`;
  session = undefined;
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

/** The passphrase "een lange zin voor de balie" set on the test's vault (argon2id, 19 MiB); its session key. */
async function setVaultPassphrase() {
  const vault = await openVault({ dbName });
  try {
    return await vault.setPassphrase('een lange zin voor de balie', {
      name: 'argon2id',
      params: MIN_ARGON2ID,
    });
  } finally {
    vault.close();
  }
}

describe('options page: the passphrase', () => {
  it('refuses a short or mismatched passphrase, then sets it: the vault no longer opens without it', async () => {
    installStorage();
    await mount();
    await fill(await field('new-passphrase'), 'kort');
    await fill(await field('new-passphrase-confirm'), 'kort');
    await click(byTestId(container, 'save-passphrase'));
    expect(byTestId(container, 'passphrase-message').textContent).toContain('minstens 10 tekens');
    // The field the refusal is about has the focus, marked and described by the message.
    const marks = async (name: string) => {
      const input = await field(name);
      return {
        focused: document.activeElement === input,
        invalid: input.getAttribute('aria-invalid'),
        describedBy: input.getAttribute('aria-describedby'),
      };
    };
    await waitFor(async () =>
      expect(await marks('new-passphrase')).toEqual({
        focused: true,
        invalid: 'true',
        describedBy: 'passphrase-message new-passphrase-strength',
      }),
    );
    await fill(await field('new-passphrase'), 'een lange zin voor de balie');
    await fill(await field('new-passphrase-confirm'), 'een lange zin voor de baliE');
    await click(byTestId(container, 'save-passphrase'));
    expect(byTestId(container, 'passphrase-message').textContent).toContain('niet gelijk');
    await waitFor(async () =>
      expect(await marks('new-passphrase-confirm')).toEqual({
        focused: true,
        invalid: 'true',
        describedBy: 'passphrase-message',
      }),
    );
    expect(await marks('new-passphrase')).toEqual({
      focused: false,
      invalid: null,
      describedBy: 'new-passphrase-strength',
    });

    await fill(await field('new-passphrase-confirm'), 'een lange zin voor de balie');
    await submit(byTestId<HTMLFormElement>(container, 'passphrase-settings'));
    await waitFor(
      () => expect(byTestId(container, 'passphrase-message').textContent).toContain('opgeslagen'),
      10_000,
    );
    expect(session).toBeDefined(); // this browser stays unlocked
    await expect(openVault({ dbName })).rejects.toBeInstanceOf(VaultLockedError);
    (await openVault({ dbName, passphrase: 'een lange zin voor de balie' })).close();
    expect(byTestId(container, 'passphrase-status').textContent).toContain(
      'Er is een wachtwoordzin ingesteld',
    );
    // The activity log keeps that it was set, once: not the refusals, never the passphrase.
    const log = await readActivity();
    expect(log.map((e) => e.event)).toEqual([{ kind: 'passphrase-set' }]);
    expect(JSON.stringify(log)).not.toContain('balie');
  }, 20_000);

  it('changing the passphrase is kept in the activity log as a change, not as an unlock', async () => {
    installStorage();
    // The page's own check of the current passphrase (the extension's throttle and storage).
    const chrome = (globalThis as unknown as { chrome: { storage: Record<string, unknown> } }).chrome;
    chrome.storage.local = fakeStorageArea();
    chrome.storage.session = fakeStorageArea();
    chrome.storage.managed = { get: async () => ({}) };
    dbName = 'totp-vault'; // the check opens the extension's own vault
    session = await setVaultPassphrase();
    await mount({ unlock: 'real' });
    // (A wrong one is recorded as such: unlock-vault-now.test.ts, in Node, where the vault's
    // refusal is recognised; happy-dom's DOMException is another class.)
    await fill(await field('current-passphrase'), 'een lange zin voor de balie');
    await fill(await field('new-passphrase'), 'een nieuwe zin voor de balie');
    await fill(await field('new-passphrase-confirm'), 'een nieuwe zin voor de balie');
    await submit(byTestId<HTMLFormElement>(container, 'passphrase-settings'));
    await waitFor(
      () => expect(byTestId(container, 'passphrase-message').textContent).toContain('opgeslagen'),
      10_000,
    );
    expect((await readActivity()).map((e) => e.event)).toEqual([{ kind: 'passphrase-changed' }]);
  }, 30_000);

  it('removing needs the current passphrase, checked through the throttle', async () => {
    installStorage();
    session = await setVaultPassphrase();
    const tried: string[] = [];
    await mount({
      unlock: async (p) => {
        tried.push(p);
        return p === 'goed' ? { status: 'unlocked' } : { status: 'wrong', waitMs: 2000 };
      },
    });
    await fill(await field('current-passphrase'), 'fout');
    await click(byTestId(container, 'remove-passphrase'));
    await waitFor(() =>
      expect(byTestId(container, 'passphrase-message').textContent).toContain('klopt niet'),
    );
    expect(byTestId(container, 'passphrase-message').textContent).toContain(
      'Wacht nog 2 seconden en probeer het dan opnieuw.',
    );
    const current = await field('current-passphrase');
    await waitFor(() => expect(document.activeElement).toBe(current));
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(current.getAttribute('aria-describedby')).toBe('passphrase-message');
    await fill(await field('current-passphrase'), 'goed');
    await click(byTestId(container, 'remove-passphrase'));
    await waitFor(() =>
      expect(byTestId(container, 'passphrase-message').textContent).toContain('verwijderd'),
    );
    // The button that had the focus is gone with the passphrase: the message has it instead.
    await waitFor(() => expect(document.activeElement).toBe(byTestId(container, 'passphrase-message')));
    expect(byTestId(container, 'passphrase-message').getAttribute('role')).toBeNull();
    expect(container.querySelector('[data-testid="remove-passphrase"]')).toBeNull();
    expect(tried).toEqual(['fout', 'goed']);
    expect(session).toBeUndefined();
    (await openVault({ dbName })).close(); // a device slot again
    expect((await readActivity()).map((e) => e.event)).toEqual([{ kind: 'passphrase-removed' }]);
  }, 20_000);

  it.each([
    { action: 'removing', locale: 'nl', said: 'Vul uw huidige wachtwoordzin in.' },
    { action: 'changing', locale: 'nl', said: 'Vul uw huidige wachtwoordzin in.' },
    { action: 'changing', locale: 'en', said: 'Enter your current passphrase.' },
  ] as const)(
    '$action with the current passphrase left empty ($locale): asked for on its field, and no try is used up',
    async ({ action, locale, said }) => {
      installStorage({}, locale);
      session = await setVaultPassphrase();
      const before = session;
      const tried: string[] = [];
      await mount({
        unlock: async (p) => {
          tried.push(p);
          return { status: 'wrong', waitMs: 4000 };
        },
      });
      const current = await field('current-passphrase');
      if (action === 'removing') await click(byTestId(container, 'remove-passphrase'));
      else {
        await fill(await field('new-passphrase'), 'een andere lange zin voor de balie');
        await fill(await field('new-passphrase-confirm'), 'een andere lange zin voor de balie');
        await submit(byTestId<HTMLFormElement>(container, 'passphrase-settings'));
      }
      await waitFor(() => expect(byTestId(container, 'passphrase-message').textContent).toBe(said));
      await waitFor(() => expect(document.activeElement).toBe(current));
      expect(current.getAttribute('aria-invalid')).toBe('true');
      expect(current.getAttribute('aria-describedby')).toBe('passphrase-message');
      // Nothing was checked, so nothing counts as a wrong try; the passphrase is as it was.
      expect(tried).toEqual([]);
      expect(session).toBe(before);
      expect((await readActivity()).map((e) => e.event)).toEqual([]);
      const vault = await openVault({ dbName, session });
      expect(vault.passphraseRequired).toBe(true);
      vault.close();
    },
    20_000,
  );

  it('a removal that fails says removing failed, not saving', async () => {
    installStorage();
    session = await setVaultPassphrase();
    await mount({
      unlock: async () => {
        throw new Error('storage unavailable');
      },
    });
    await fill(await field('current-passphrase'), 'een lange zin voor de balie');
    await click(byTestId(container, 'remove-passphrase'));
    await waitFor(() =>
      expect(byTestId(container, 'passphrase-message').textContent).toBe(
        'Verwijderen is mislukt. Probeer het opnieuw.',
      ),
    );
    expect(container.querySelector('[data-testid="remove-passphrase"]')).not.toBeNull();
  }, 20_000);

  it('a check the throttle refused before it ran says to wait, not that the passphrase is wrong', async () => {
    installStorage();
    session = await setVaultPassphrase();
    await mount({ unlock: async () => ({ status: 'wait', waitMs: 1000 }) });
    await fill(await field('current-passphrase'), 'een lange zin voor de balie');
    await click(byTestId(container, 'remove-passphrase'));
    await waitFor(() =>
      expect(byTestId(container, 'passphrase-message').textContent).toBe(
        'Wacht nog 1 seconde en probeer het dan opnieuw.',
      ),
    );
    expect(session).toBeDefined();
    // When the wait is over the sentence says so, once (useWaitOver), as on the unlock screen.
    await waitFor(
      () =>
        expect(byTestId(container, 'passphrase-message').textContent).toBe('U kunt het nu opnieuw proberen.'),
      5_000,
    );
  }, 20_000);

  it('unlocked here with a passphrase shorter than the minimum now in force: said at the top, with the way to “Vergrendeling”', async () => {
    installStorage({ minPassphraseLength: 16 });
    const key = await setVaultPassphrase();
    let tooShort = false;
    await mount({
      unlock: async () => {
        session = key;
        return { status: 'unlocked', tooShort };
      },
    });
    const unlockWith = async () => {
      await fill(await field('passphrase'), 'een lange zin voor de balie');
      await submit(byTestId<HTMLFormElement>(container, 'unlock'));
      await field('new-passphrase');
    };
    // Long enough: nothing to say.
    await unlockWith();
    expect(container.querySelector('[data-testid="passphrase-short"]')).toBeNull();

    session = undefined;
    tooShort = true;
    render(null, container);
    await mount({
      unlock: async () => {
        session = key;
        return { status: 'unlocked', tooShort };
      },
    });
    await unlockWith();
    const notice = byTestId(container, 'passphrase-short');
    expect(notice.textContent).toBe(
      'Uw organisatie vereist nu een wachtwoordzin van minstens 16 tekens. Die van u is korter. Kies een nieuwe bij ‘Vergrendeling’. Wachtwoordzin wijzigen',
    );
    expect(notice.querySelector('a')?.getAttribute('href')).toBe('#lock');
  }, 20_000);

  it('a locked vault shows only the unlock form: no import, no export, no settings', async () => {
    installStorage();
    await setVaultPassphrase();
    await mount();
    await waitFor(() => byTestId(container, 'unlock'));
    expect(container.querySelector('[name="passphrase"]')).not.toBeNull();
    expect(container.querySelector('textarea, [data-testid="export-backup"], [name="auto-lock"]')).toBeNull();
    // This page shows no codes: it says what unlocking opens here.
    expect(container.querySelector('h1')?.textContent).toBe('Instellingen');
    expect(container.textContent).toContain('Voer de wachtwoordzin in om de instellingen te openen.');
    expect(container.textContent).not.toContain('om de codes te zien');
  });

  it('a forgotten passphrase: after typing WISSEN everything is erased, and the page starts over without one', async () => {
    installStorage();
    const removed: unknown[] = [];
    const storage = {
      session: { get: async () => ({}), set: async () => undefined, remove: async () => undefined },
      local: {
        get: async () => ({}),
        set: async () => undefined,
        remove: async (keys: string | string[]) => void removed.push(keys),
      },
    };
    const seeded = await openVault({ dbName });
    await seeded.add(account());
    seeded.close();
    await setVaultPassphrase();
    await mount({ eraseVault: () => eraseLockedVault(storage, () => eraseVault(dbName)) });
    await waitFor(() => byTestId(container, 'unlock'));
    const button = byTestId<HTMLButtonElement>(container, 'erase-vault');
    expect(container.querySelector('[data-testid="erase"] summary')?.textContent).toBe(
      'Weet niemand de wachtwoordzin meer? Alles wissen en opnieuw beginnen',
    );
    // Not before the word is typed: a stray click or Enter erases nothing.
    expect(button.disabled).toBe(true);
    await fill(await field('erase-confirm'), 'wis');
    expect(button.disabled).toBe(true);
    await expect(openVault({ dbName })).rejects.toBeInstanceOf(VaultLockedError);
    await fill(await field('erase-confirm'), ' wissen ');
    expect(button.disabled).toBe(false);
    await click(button);
    await waitFor(() =>
      expect(byTestId(container, 'erased').textContent).toBe(
        'Alle accounts en de wachtwoordzin op deze computer zijn gewist. Stel bij ‘Vergrendeling’ een nieuwe wachtwoordzin in voordat u accounts toevoegt.',
      ),
    );
    // The notice has the focus, not the page's body (the form that had it is gone).
    await waitFor(() => expect(document.activeElement).toBe(byTestId(container, 'erased')));
    expect(byTestId(container, 'erased').getAttribute('role')).toBeNull();
    // The settings page, not the unlock form; the vault opens without a passphrase, and is empty.
    expect(container.querySelector('[data-testid="unlock"]')).toBeNull();
    await field('new-passphrase');
    const fresh = await openVault({ dbName });
    expect(fresh.passphraseRequired).toBe(false);
    expect((await fresh.list()).accounts).toEqual([]);
    fresh.close();
    expect(removed).toEqual(['lock.throttle']);
    expect((await readActivity()).map((e) => e.event)).toEqual([{ kind: 'erased' }]);
  }, 20_000);

  it('erasing that fails says so and changes nothing', async () => {
    installStorage();
    await setVaultPassphrase();
    await mount({
      eraseVault: async () => {
        throw new Error('blocked');
      },
    });
    await fill(await field('erase-confirm'), 'WISSEN');
    await click(byTestId(container, 'erase-vault'));
    await waitFor(() => expect(byTestId(container, 'erase-failed').textContent).toContain('niet gelukt'));
    expect(container.querySelector('[data-testid="unlock"]')).not.toBeNull();
    await expect(openVault({ dbName })).rejects.toBeInstanceOf(VaultLockedError);
  }, 20_000);

  it.each([
    [
      'nl',
      'Uw organisatie heeft ‘Alles wissen’ op deze computer uitgeschakeld. Wachtwoordzin vergeten? Neem contact op met uw IT-beheerder: die kan de gegevens van Authenticator op deze computer verwijderen of Authenticator opnieuw instellen. Inloggen op het portaal kan intussen via ‘Ik heb geen toegang tot mijn authenticator(s)’.',
    ],
    [
      'en',
      'Your organisation has turned off ‘Erase everything’ on this computer. Forgot the passphrase? Contact your IT administrator, who can remove Authenticator’s data on this computer or reset Authenticator. Meanwhile you can log in to the portal via ‘I cannot access my authenticator(s)’.',
    ],
  ] as const)(
    'allowErase off (%s): no way to erase, but whom to ask and how to log in meanwhile',
    async (locale, text) => {
      installStorage({ allowErase: false }, locale);
      await setVaultPassphrase();
      await mount();
      await waitFor(() => byTestId(container, 'erase-policy-off'));
      expect(byTestId(container, 'erase-policy-off').textContent).toBe(text);
      expect(container.querySelector('[data-testid="erase"]')).toBeNull();
      expect(container.querySelector('[data-testid="erase-vault"]')).toBeNull();
      expect(container.querySelector('[data-testid="unlock"]')).not.toBeNull();
    },
    20_000,
  );

  // QA finding: with erasing switched off, the passphrase section still said a forgotten
  // passphrase is mended with 'Alles wissen en opnieuw beginnen' on this page.
  it('allowErase off: the passphrase section sends a forgotten passphrase to the IT person, not to the erase', async () => {
    installStorage({ allowErase: false });
    await mount();
    const section = await waitFor(() => byTestId(container, 'passphrase-settings'));
    expect(section.textContent).toContain('Dan kan alleen uw IT-beheerder de gegevens van Authenticator');
    expect(section.textContent).not.toContain('op deze pagina zolang die vergrendeld is');
  });

  it('allowErase on (the default): the passphrase section names the erase on the locked page', async () => {
    installStorage();
    await mount();
    const section = await waitFor(() => byTestId(container, 'passphrase-settings'));
    expect(section.textContent).toContain('op deze pagina zolang die vergrendeld is');
  });

  it('allowErase switched off while the page is open: the erase is refused where it happens, and nothing is erased', async () => {
    const policy = installStorage({ allowErase: true });
    const storage = {
      session: { get: async () => ({}), set: async () => undefined, remove: async () => undefined },
      local: { get: async () => ({}), set: async () => undefined, remove: async () => undefined },
    };
    const seeded = await openVault({ dbName });
    await seeded.add(account());
    seeded.close();
    const key = await setVaultPassphrase();
    await mount({ eraseVault: () => eraseLockedVault(storage, () => eraseVault(dbName)) });
    await fill(await field('erase-confirm'), 'WISSEN');
    // The policy changes; the page has not heard of it yet (no onChanged in this fake).
    policy.allowErase = false;
    await click(byTestId(container, 'erase-vault'));
    await waitFor(() =>
      expect(byTestId(container, 'erase-refused').textContent).toContain(
        'Uw organisatie heeft ‘Alles wissen’',
      ),
    );
    expect(container.querySelector('[data-testid="erased"]')).toBeNull();
    const vault = await openVault({ dbName, session: key });
    expect((await vault.list()).accounts).toHaveLength(1);
    vault.close();
  }, 20_000);

  it('opened by the popup’s “Wachtwoordzin instellen” (#lock): the new passphrase’s field has the focus', async () => {
    installStorage({ requirePassphrase: true });
    await mount({ section: 'lock' });
    const input = await field('new-passphrase');
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(input.closest('section')?.id).toBe('lock');
  });

  it('already open: each “Wachtwoordzin instellen” from the popup moves the focus back to the new passphrase’s field; a web page’s message does not', async () => {
    installStorage({ requirePassphrase: true });
    const listeners: ((message: unknown, sender: { id?: string; url?: string }) => void)[] = [];
    const chrome = (globalThis as unknown as { chrome: Record<string, unknown> }).chrome;
    chrome.runtime = {
      id: 'abc',
      onMessage: {
        addListener: (listener: (typeof listeners)[number]) => listeners.push(listener),
        removeListener: () => undefined,
      },
    };
    await mount();
    const input = await field('new-passphrase');
    expect(document.activeElement).toBe(document.body);
    const request = { type: 'options-section', section: 'lock' };
    const send = (sender: { id?: string; url?: string }) =>
      act(() => {
        for (const listener of listeners) listener(request, sender);
      });
    // A content script's sender is this extension, but its url is the web page's.
    await send({ id: 'abc', url: 'https://portaal.example.nl/login' });
    await send({ id: 'other', url: 'chrome-extension://other/popup.html' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.activeElement).toBe(document.body);
    await send({ id: 'abc', url: 'chrome-extension://abc/extension/popup/index.html' });
    await waitFor(() => expect(document.activeElement).toBe(input));
    // Again, after the user went elsewhere on the page.
    input.blur();
    await send({ id: 'abc', url: 'chrome-extension://abc/extension/popup/index.html' });
    await waitFor(() => expect(document.activeElement).toBe(input));
  });

  it('is called “Instellingen”, and links to its parts, the first one still “Importeren en exporteren”', async () => {
    installStorage();
    await mount();
    await field('new-passphrase');
    expect(document.title).toBe('Instellingen – Authenticator');
    expect(container.querySelector('h1')?.textContent).toBe('Instellingen');
    const links = Array.from(container.querySelectorAll<HTMLAnchorElement>('nav a'));
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Importeren en exporteren', '#import'],
      ['Vergrendeling', '#lock'],
      ['Werkplek', '#workstation'],
      ['Klembord', '#clipboard'],
      ['Exports met geheime sleutels', '#secret-exports'],
      ['Activiteit', '#activity'],
    ]);
    for (const link of links) expect(container.querySelector(link.getAttribute('href') ?? '')).not.toBeNull();
  });

  it('opened at #activity (a link or bookmark): the page scrolls there once it is drawn, and only once', async () => {
    installStorage();
    const scrolled: string[] = [];
    const scroll = vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (
      this: HTMLElement,
    ) {
      scrolled.push(this.id);
    });
    try {
      await mount({ section: 'activity' });
      await field('new-passphrase');
      await waitFor(() => expect(scrolled).toEqual(['activity']));
      // Drawn again (a setting saved): no second jump.
      await fill(await field('new-passphrase'), 'iets');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(scrolled).toEqual(['activity']);
    } finally {
      scroll.mockRestore();
    }
  });

  it('opened without a section: nothing takes the focus', async () => {
    installStorage();
    await mount();
    await field('new-passphrase');
    expect(document.activeElement).toBe(document.body);
  });

  it('the strength hint asks for the organisation’s minimum, not the backup’s', async () => {
    installStorage({ minPassphraseLength: 12 });
    await mount();
    await fill(await field('new-passphrase'), 'kort');
    expect(container.querySelector('#new-passphrase-strength')?.textContent).toBe(
      'Sterkte: zwak. Gebruik minstens 12 tekens, liefst een zin van een paar woorden.',
    );
  });

  it('a common word with digits is called quickly guessed, and can still be saved (a hint, not a gate)', async () => {
    installStorage();
    await mount();
    await fill(await field('new-passphrase'), 'Wachtwoord-2026');
    expect(container.querySelector('#new-passphrase-strength')?.textContent).toBe(
      'Sterkte: zwak. Een bekend woord met cijfers of leestekens, of een reeks toetsen, is snel geraden. Kies liever een zin van een paar woorden die niet bij elkaar horen.',
    );
    await fill(await field('new-passphrase-confirm'), 'Wachtwoord-2026');
    await submit(byTestId<HTMLFormElement>(container, 'passphrase-settings'));
    await waitFor(() => expect(session).toBeDefined(), 15_000);
  });
});

describe('options page: its contents', () => {
  it('lists every part of the page, and each entry leads to one', async () => {
    installStorage();
    await mount();
    await field('workstation-name');
    const links = Array.from(container.querySelectorAll<HTMLAnchorElement>('nav a'), (a) =>
      a.getAttribute('href'),
    );
    const sections = Array.from(container.querySelectorAll('main > section'), (section) => `#${section.id}`);
    // Import and export are one entry ("Importeren en exporteren"), leading to the first of them.
    expect(links).toEqual(sections.filter((id) => id !== '#export'));
  });
});

describe('options page: the workstation name', () => {
  it('is saved when the field is left, and says so; typing again takes the word back', async () => {
    installStorage();
    const stored = recordSettingWrites();
    await mount();
    const name = await field('workstation-name');
    expect(container.querySelector('[data-testid="workstation-saved"]')).toBeNull();
    await fill(name, '  Chrome plugin balie ');
    await waitFor(() => expect(byTestId(container, 'workstation-saved').textContent).toBe('Opgeslagen.'));
    expect(stored).toContainEqual({ 'settings.workstationName': 'Chrome plugin balie' });
    await act(() => {
      name.value = 'Chrome plugin bal';
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(container.querySelector('[data-testid="workstation-saved"]')).toBeNull();
  });
});

describe('options page: the maximum unlock time', () => {
  it('no maximum by default; the user’s choice is saved and the field explains it', async () => {
    installStorage();
    const stored = recordSettingWrites();
    await mount();
    const select = (await field('max-unlock')) as unknown as HTMLSelectElement;
    expect([select.disabled, select.value]).toEqual([false, '0']);
    expect(select.selectedOptions[0]?.textContent).toBe('Geen maximum');
    expect(document.getElementById(select.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
      'Ook als de computer steeds gebruikt wordt',
    );
    await act(() => {
      select.value = '240';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => expect(stored).toContainEqual({ 'settings.maxUnlockMinutes': 240 }));
  });
});

describe('options page: settings fixed by policy', () => {
  it('shows managed settings as locked controls "ingesteld door uw organisatie", with the policy’s values', async () => {
    installStorage({ autoLockMinutes: 5, workstationName: 'Chrome plugin balie', allowSecretExport: false });
    await mount();
    const select = (await field('auto-lock')) as unknown as HTMLSelectElement;
    expect(select.disabled).toBe(true);
    expect(select.value).toBe('5');
    const name = await field('workstation-name');
    expect(name.disabled).toBe(true);
    expect(name.value).toBe('Chrome plugin balie');
    const exports = await field('allow-secret-exports');
    expect([exports.disabled, exports.checked]).toEqual([true, false]);
    expect(container.querySelectorAll('[data-testid="managed"]')).toHaveLength(3);
    expect(container.textContent).toContain('ingesteld door uw organisatie');
    // Not managed: the user may change it.
    expect((await field('lock-on-screen-lock')).disabled).toBe(false);
  });

  it('requirePassphrase: the passphrase can be changed but not removed; allowImport, allowEncryptedBackup and allowSecretExport switch sections off', async () => {
    installStorage({
      requirePassphrase: true,
      allowImport: false,
      allowEncryptedBackup: false,
      allowSecretExport: false,
    });
    session = await setVaultPassphrase();
    await mount();
    await waitFor(() => byTestId(container, 'remove-passphrase'));
    expect(byTestId<HTMLButtonElement>(container, 'remove-passphrase').disabled).toBe(true);
    expect(container.querySelector('textarea[name="import-text"]')).toBeNull();
    expect(container.querySelector('[data-testid="export-backup"]')).toBeNull();
    // Each under its own heading, each naming what the organisation switched off.
    const importOff = byTestId(container, 'import-policy-off');
    expect(importOff.closest('section')?.querySelector('h2')?.textContent).toBe('Importeren');
    expect(importOff.textContent).toBe('Importeren is uitgeschakeld door uw organisatie.');
    expect(container.textContent).toContain('De versleutelde back-up is uitgeschakeld door uw organisatie.');
    expect(container.textContent).toContain(
      'Exports die geheime sleutels tonen zijn uitgeschakeld door uw organisatie.',
    );
    expect(container.textContent).not.toContain('hieronder');
  });

  it('secret exports the user switched off: the page points to the setting below, not to the organisation', async () => {
    installStorage();
    const chrome = (globalThis as unknown as { chrome: { storage: { local: unknown } } }).chrome;
    chrome.storage.local = {
      get: async () => ({ 'settings.secretExportsAllowed': false }),
      set: async () => undefined,
    };
    await mount();
    await waitFor(() =>
      expect(container.textContent).toContain(
        'Uitgeschakeld: exports die geheime sleutels tonen zijn uitgezet bij ‘Exports met geheime sleutels’ hieronder.',
      ),
    );
    expect(container.textContent).not.toContain('door uw organisatie');
  });

  it('maxUnlockMinutes: a locked select with the policy’s value, in hours as it falls', async () => {
    installStorage({ maxUnlockMinutes: 480 });
    await mount();
    const select = (await field('max-unlock')) as unknown as HTMLSelectElement;
    expect([select.disabled, select.value]).toEqual([true, '480']);
    expect(select.selectedOptions[0]?.textContent).toBe('8 uur');
    expect(select.closest('.field')?.querySelector('[data-testid="managed"]')).not.toBeNull();
  });

  it('maxUnlockMinutes not in whole hours: in minutes, offered in its place among the others', async () => {
    installStorage({ maxUnlockMinutes: 90 });
    await mount();
    const select = (await field('max-unlock')) as unknown as HTMLSelectElement;
    expect(select.selectedOptions[0]?.textContent).toBe('90 minuten');
    expect(Array.from(select.options, (o) => o.value)).toEqual(['0', '60', '90', '120', '240', '480', '720']);
  });

  it('one minute, one second: said in the singular', async () => {
    installStorage({ autoLockMinutes: 1, clipboardClearSeconds: 1 });
    await mount();
    const lock = (await field('auto-lock')) as unknown as HTMLSelectElement;
    expect(lock.selectedOptions[0]?.textContent).toBe('1 minuut zonder activiteit');
    const clear = (await field('clipboard-clear')) as unknown as HTMLSelectElement;
    expect(clear.selectedOptions[0]?.textContent).toBe('1 seconde');
  });

  it('requirePassphrase without one: no backup and no export are offered, with the reason; once set they are', async () => {
    installStorage({ requirePassphrase: true });
    const vault = await openVault({ dbName });
    await vault.add(account());
    vault.close();
    await mount();
    await waitFor(() => byTestId(container, 'export-passphrase-first'));
    expect(byTestId(container, 'export-passphrase-first').textContent).toContain(
      'Uw organisatie vereist een wachtwoordzin',
    );
    for (const id of ['export-backup', 'export-otpauth', 'export-google'])
      expect(container.querySelector(`[data-testid="${id}"]`), id).toBeNull();

    await fill(await field('new-passphrase'), 'een lange zin voor de balie');
    await fill(await field('new-passphrase-confirm'), 'een lange zin voor de balie');
    await submit(byTestId<HTMLFormElement>(container, 'passphrase-settings'));
    await waitFor(() => byTestId(container, 'export-backup'), 10_000);
    expect(container.querySelector('[data-testid="export-passphrase-first"]')).toBeNull();
  }, 20_000);

  it.each([
    {
      locale: 'nl',
      required:
        'Uw organisatie vereist een wachtwoordzin. Tot die is ingesteld, toont Authenticator geen codes.',
      open: 'Er is geen wachtwoordzin ingesteld: iedereen achter deze computer kan de codes zien.',
    },
    {
      locale: 'en',
      required: 'Your organisation requires a passphrase. Until one is set, Authenticator shows no codes.',
      open: 'No passphrase is set: anyone at this computer can see the codes.',
    },
  ] as const)(
    'requirePassphrase without one ($locale): “Vergrendeling” says no codes are shown until it is set, not that anyone can see them',
    async ({ locale, required, open }) => {
      installStorage({ requirePassphrase: true }, locale);
      await mount();
      await waitFor(() => expect(byTestId(container, 'passphrase-status').textContent).toBe(required));
      render(null, container);
      // Without the policy the popup shows the codes, and the page says so.
      installStorage({}, locale);
      await mount();
      await waitFor(() => expect(byTestId(container, 'passphrase-status').textContent).toBe(open));
    },
  );

  it('requirePassphrase, after “Alles wissen”: no codes until a new passphrase is set, not that anyone can see them', async () => {
    installStorage({ requirePassphrase: true });
    const storage = {
      session: { get: async () => ({}), set: async () => undefined, remove: async () => undefined },
      local: { get: async () => ({}), set: async () => undefined, remove: async () => undefined },
    };
    await setVaultPassphrase();
    await mount({ eraseVault: () => eraseLockedVault(storage, () => eraseVault(dbName)) });
    await waitFor(() => byTestId(container, 'unlock'));
    await fill(await field('erase-confirm'), 'WISSEN');
    await click(byTestId(container, 'erase-vault'));
    await waitFor(() => byTestId(container, 'erased'));
    expect(byTestId(container, 'passphrase-status').textContent).toBe(
      'Uw organisatie vereist een wachtwoordzin. Tot die is ingesteld, toont Authenticator geen codes.',
    );
  }, 20_000);

  it('a policy that arrives after the page was drawn: the backup it still shows writes nothing', async () => {
    const policy = installStorage();
    const vault = await openVault({ dbName });
    await vault.add(account());
    vault.close();
    await mount();
    await click(await waitFor(() => byTestId(container, 'export-backup')));
    // The policy reaches chrome.storage.managed; the page has not re-read it yet.
    policy.requirePassphrase = true;
    const download = vi.spyOn(URL, 'createObjectURL');
    await fill(await field('export-passphrase'), 'een lange zin voor de back-up');
    await fill(await field('export-passphrase-confirm'), 'een lange zin voor de back-up');
    await click(byTestId(container, 'export-confirm'));
    await waitFor(() =>
      expect(byTestId(container, 'export-status').textContent).toContain(
        'Uw organisatie vereist een wachtwoordzin.',
      ),
    );
    expect(download).not.toHaveBeenCalled();
    download.mockRestore();
  });
});
