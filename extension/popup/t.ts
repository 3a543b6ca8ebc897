import type nl from '../public/_locales/nl/messages.json';
import { chromeApi, type PopupChrome } from './chrome-api';

/** Every key of `_locales/nl/messages.json`; the locale test keeps `en` identical. */
export type MessageKey = keyof typeof nl;

type GetMessage = NonNullable<NonNullable<PopupChrome['i18n']>['getMessage']>;

/** Stand-ins for substitutions 1..9 (Chrome allows `$1`..`$9`): private-use characters, in no message. */
const SLOTS = ['\uE001', '\uE002', '\uE003', '\uE004', '\uE005', '\uE006', '\uE007', '\uE008', '\uE009'];
const SLOT = /[\uE001-\uE009]/g;

/**
 * Messages with stand-ins for their substitutions, per `getMessage` (tests install their own).
 * chrome.i18n.getMessage is a call into the browser; 1,000 rows ask for the same few messages
 * thousands of times when the popup opens, so each is fetched once.
 */
let cache: { readonly getMessage: GetMessage; readonly messages: Map<string, string> } | undefined;

/**
 * A user-visible string from `_locales` through chrome.i18n (Dutch is the default locale).
 * Outside the extension (tests without a fake `chrome`), the key itself is returned, so
 * nothing throws. Tests install `globalThis.chrome = { i18n: { getMessage } }`.
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const getMessage = chromeApi()?.i18n?.getMessage;
  if (getMessage === undefined) return key;
  if (cache?.getMessage !== getMessage) cache = { getMessage, messages: new Map() };
  const id = `${key}/${substitutions.length}`;
  let template = cache.messages.get(id);
  if (template === undefined) {
    template = getMessage(key, SLOTS.slice(0, substitutions.length));
    cache.messages.set(id, template);
  }
  // getMessage returns '' for an unknown key.
  if (template === '') return key;
  return substitutions.length === 0
    ? template
    : template.replace(SLOT, (slot) => String(substitutions[slot.charCodeAt(0) - 0xe001] ?? ''));
}
