import type { WorkerPort } from '../send-to-worker';

/**
 * The part of `chrome.*` the popup uses, every member optional: the popup's code also runs in
 * unit tests with no `chrome` at all, or with a fake of only some of it (`i18n`), and must then
 * degrade rather than throw. The one place that reads `globalThis.chrome` for the popup; the
 * popup's tsconfig has no chrome types, so nothing else can reach `chrome.*` unchecked.
 */
export interface PopupChrome {
  readonly i18n?: { readonly getMessage?: (key: string, substitutions?: string | string[]) => string };
  readonly runtime?: WorkerPort;
  readonly storage?: {
    readonly session?: {
      get(key: string): Promise<Record<string, unknown>>;
      remove(key: string): Promise<void>;
    };
    readonly local?: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
  readonly action?: { setBadgeText(details: { text: string }): Promise<void> };
  /** The active tab's URL is readable once the toolbar click granted activeTab. */
  readonly tabs?: {
    query(query: { active: boolean; currentWindow: boolean }): Promise<ReadonlyArray<{ url?: string }>>;
  };
}

/** `chrome` in an extension page; undefined outside one. */
export function chromeApi(): PopupChrome | undefined {
  return (globalThis as { chrome?: PopupChrome }).chrome;
}
