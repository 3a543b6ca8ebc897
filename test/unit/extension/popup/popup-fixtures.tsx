import type { FillNotice } from '../../../../extension/fill-notice';
import type { LastScan } from '../../../../extension/last-scan';
import type { FillCodeMessage, FillCodeReply, ScanStartReply } from '../../../../extension/messages';
import 'fake-indexeddb/auto';
import { Secret, TOTP } from 'otpauth';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import type { AccountDraft } from '../../../../extension/otp';
import type { Clock } from '../../../../extension/popup/clock';
import { App } from '../../../../extension/popup/components/app';
import type { PopupRootProps } from '../../../../extension/popup/components/popup-root';
import type { CopyDeps } from '../../../../extension/popup/hooks/use-copy-code';
import { resolveSettings } from '../../../../extension/settings/read-settings';
import { openVault, type Vault } from '../../../../extension/vault';
import { installChromeI18n } from './chrome-i18n';

/** 2023-11-14T22:13:30Z, the first second of a 30 s step (1,700,000,010 is a multiple of 30). */
export const T0 = 1_700_000_010_000;

/** A clock the test moves by hand; `set` ticks like the real one. */
export function manualClock(start = T0): Clock & { set(ms: number): void } {
  let now = start;
  const listeners = new Set<() => void>();
  return {
    now: () => now,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(ms) {
      now = ms;
      for (const listener of listeners) listener();
    },
  };
}

/** A TOTP draft whose secret is `base32`, so a test can compute its code independently. */
export function draft(
  name: string,
  overrides: Partial<AccountDraft> = {},
  base32: string = SECRETS[0],
): AccountDraft {
  return {
    type: 'totp',
    secret: Secret.fromBase32(base32).bytes,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    issuer: `${name} issuer`,
    label: `${name.toLowerCase()}@example.nl`,
    name,
    ...overrides,
  } as AccountDraft;
}

export const SECRETS = ['JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'] as const;

/** The code an independent implementation (otpauth, used directly) gives. */
export function expectedTotp(base32: string, timestamp: number, digits = 6, period = 30): string {
  return new TOTP({ secret: Secret.fromBase32(base32), digits, period }).generate({ timestamp });
}

/** The digits in an element's text. */
export function digitsOf(element: Element): string {
  return (element.textContent ?? '').replace(/\D/g, '');
}

let dbCounter = 0;

export interface Popup {
  readonly container: HTMLElement;
  readonly dbName: string;
  readonly clock: ReturnType<typeof manualClock>;
  readonly writeText: ReturnType<typeof vi.fn>;
  /** A second connection to the same vault, as a reopened popup would see it. */
  reopen(): Promise<Vault>;
  unmount(): void;
}

/** A fresh IndexedDB, a vault holding `drafts`, the Dutch messages, a mocked clipboard, and the App. */
export interface PopupOptions {
  readonly onScan?: () => Promise<ScanStartReply>;
  readonly lastScan?: () => Promise<LastScan | null>;
  /** The page the popup is opened on (issue 12). */
  readonly site?: string;
  readonly onFill?: (message: FillCodeMessage) => Promise<FillCodeReply | undefined>;
  readonly fillNotice?: (container: HTMLElement) => Promise<FillNotice | null>;
  readonly clipboard?: CopyDeps;
  /** Given when a passphrase is set (the popup can lock). */
  readonly onLock?: () => void;
}

export async function renderPopup(
  drafts: readonly AccountDraft[] = [],
  start = T0,
  options: PopupOptions = {},
): Promise<Popup> {
  globalThis.indexedDB = new IDBFactory();
  installChromeI18n('nl');
  const writeText = vi.fn(async (_text: string) => {});
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  const dbName = `popup-test-${++dbCounter}`;
  const seed = await openVault({ dbName });
  for (const draft of drafts) await seed.add(draft);
  seed.close();

  const container = document.createElement('div');
  document.body.append(container);
  const clock = manualClock(start);
  const onScan = options.onScan ?? vi.fn(async (): Promise<ScanStartReply> => ({ ok: true }));
  await act(() => {
    render(
      <App
        openVault={() => openVault({ dbName })}
        clock={clock}
        onScan={onScan}
        lastScan={options.lastScan ?? (async () => null)}
        site={async () => options.site}
        {...(options.onFill ? { onFill: options.onFill } : {})}
        fillNotice={() => options.fillNotice?.(container) ?? Promise.resolve(null)}
        clipboard={options.clipboard}
        onLock={options.onLock}
      />,
      container,
    );
  });
  return {
    container,
    dbName,
    clock,
    writeText,
    reopen: () => openVault({ dbName }),
    unmount() {
      render(null, container);
      container.remove();
    },
  };
}

/**
 * PopupRoot's props for a test: the vault `dbName`, unlocked and never locked from elsewhere, the
 * default settings, a manual clock, nothing scanned, no site and no fill notice; `overrides`
 * replace any of them.
 */
export function popupRootProps(dbName: string, overrides: Partial<PopupRootProps> = {}): PopupRootProps {
  return {
    openVault: () => openVault({ dbName }),
    settings: async () => resolveSettings({}, {}),
    unlock: async () => ({ status: 'unlocked' }),
    lock: async () => undefined,
    watchLock: () => () => undefined,
    clock: manualClock(),
    lastScan: async () => null,
    site: async () => undefined,
    fillNotice: async () => null,
    ...overrides,
  };
}

/** Polls until `check` passes (the vault is asynchronous: WebCrypto and IndexedDB). */
export async function waitFor<T>(check: () => T | Promise<T>, timeout = 3000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

export function byTestId<E extends Element = HTMLElement>(root: ParentNode, id: string): E {
  const element = root.querySelector<E>(`[data-testid="${id}"]`);
  if (element === null) throw new Error(`No element with data-testid="${id}"`);
  return element;
}

export function allByTestId(root: ParentNode, id: string): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
}

/** The rows' shown names, in order. */
export function rowNames(root: ParentNode): string[] {
  return allByTestId(root, 'account-name').map((element) => element.textContent ?? '');
}

export function rowByName(root: ParentNode, name: string): HTMLElement {
  const row = allByTestId(root, 'account').find(
    (element) => byTestId(element, 'account-name').textContent === name,
  );
  if (row === undefined) throw new Error(`No row named ${name}`);
  return row;
}

/** The row's focusable main button, which copies and takes the row's keyboard commands. */
export function rowButton(root: ParentNode, name: string): HTMLElement {
  const button = rowByName(root, name).querySelector<HTMLElement>('button.row-copy');
  if (button === null) throw new Error(`Row ${name} has no main button`);
  return button;
}

export async function click(element: Element): Promise<void> {
  await act(() => {
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  });
}

export async function press(element: Element, key: string, init: KeyboardEventInit = {}): Promise<void> {
  await act(() => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

/** Types into an input or select as a user would: the value, then `input` and `change`. */
export async function fill(element: Element, value: string): Promise<void> {
  await act(() => {
    (element as HTMLInputElement).value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export async function submit(form: HTMLFormElement): Promise<void> {
  await act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}
