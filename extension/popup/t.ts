import type nl from '../public/_locales/nl/messages.json';

/** Every key of `_locales/nl/messages.json`; the locale test keeps `en` identical. */
export type MessageKey = keyof typeof nl;

type GetMessage = (key: string, substitutions?: string | string[]) => string;

interface ChromeI18n {
  readonly i18n?: { readonly getMessage?: GetMessage };
}

/**
 * A user-visible string from `_locales` through chrome.i18n (Dutch is the default locale).
 * Outside the extension (tests without a fake `chrome`), the key itself is returned, so
 * nothing throws. Tests install `globalThis.chrome = { i18n: { getMessage } }`.
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const chrome = (globalThis as { chrome?: ChromeI18n }).chrome;
  const message = chrome?.i18n?.getMessage?.(key, substitutions.map(String));
  // getMessage returns '' for an unknown key.
  return message === undefined || message === '' ? key : message;
}
