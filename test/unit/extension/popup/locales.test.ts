// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getMessageFrom, LOCALES } from './chrome-i18n';

const EXTENSION_DIR = resolve(import.meta.dirname, '../../../../extension');

/** `$NAME$` references in a message, lower-cased (Chrome treats placeholder names case-insensitively). */
function references(message: string): string[] {
  return [...message.matchAll(/\$([a-z0-9_@]+)\$/gi)].map((m) => (m[1] ?? '').toLowerCase()).sort();
}

/**
 * Every `t('key'`, `getMessage('key'` and `key: '…'` of a message table in the extension's source:
 * the popup, the options page, the lock, the worker and the content script.
 */
function keysUsedInExtension(dir = EXTENSION_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return keysUsedInExtension(path);
    if (!/\.tsx?$/.test(entry.name)) return [];
    const source = readFileSync(path, 'utf8');
    return [
      ...source.matchAll(/\bt\('([A-Za-z0-9_]+)'/g),
      ...source.matchAll(/getMessage\('([A-Za-z0-9_]+)'/g),
      ...source.matchAll(/message: '([A-Za-z0-9_]+)'/g),
      ...source.matchAll(/\{ key: '([A-Za-z0-9_]+)', failed/g),
    ].map((m) => m[1] ?? '');
  });
}

describe('_locales', () => {
  const nl = LOCALES.nl;
  const en = LOCALES.en;

  it('nl and en have identical keys, valid for Chrome', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const key of Object.keys(nl)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('every message is non-empty and described', () => {
    for (const messages of [nl, en]) {
      for (const [key, entry] of Object.entries(messages)) {
        expect(entry.message.trim(), key).not.toBe('');
        expect((entry as { description?: string }).description, key).toBeTruthy();
      }
    }
  });

  it('placeholders match between nl and en, and every reference has a placeholder and vice versa', () => {
    for (const key of Object.keys(nl)) {
      const nlEntry = nl[key];
      const enEntry = en[key];
      if (nlEntry === undefined || enEntry === undefined) throw new Error(key);
      const declared = (entry: typeof nlEntry) =>
        Object.entries(entry.placeholders ?? {})
          .map(([name, p]) => `${name.toLowerCase()}=${p.content}`)
          .sort();
      expect(declared(enEntry), key).toEqual(declared(nlEntry));
      expect(references(enEntry.message), key).toEqual(references(nlEntry.message));
      const names = Object.keys(nlEntry.placeholders ?? {}).map((name) => name.toLowerCase());
      expect([...new Set(references(nlEntry.message))], key).toEqual(names.sort());
    }
  });

  it('has the extension name and description, and the extension uses only keys that exist', () => {
    expect(nl.extName?.message).toBe('Authenticator');
    expect(en.extName?.message).toBe('Authenticator');
    expect(nl.extDescription?.message).toBe(
      'Inlogcodes voor tweefactorauthenticatie van uw portaal, veilig versleuteld opgeslagen.',
    );
    expect(en.extDescription?.message).toBe(
      'Login codes for your portal’s two-factor authentication, stored securely encrypted.',
    );
    // The Chrome Web Store cuts a manifest description longer than 132 characters.
    for (const messages of [nl, en]) expect(messages.extDescription?.message.length).toBeLessThanOrEqual(132);
    const used = new Set(keysUsedInExtension());
    expect(used.size).toBeGreaterThan(150);
    for (const key of used) expect(Object.keys(nl), key).toContain(key);
  });

  it('quotes with ‘…’ and writes apostrophes as ’, never straight or double quotes', () => {
    for (const [locale, messages] of Object.entries(LOCALES))
      for (const [key, entry] of Object.entries(messages))
        expect(entry.message, `${locale} ${key}`).not.toMatch(/["“”']/);
  });

  it('says one second, minute or account in the singular where a count can be 1', () => {
    for (const messages of [nl, en]) {
      const say = getMessageFrom(messages);
      for (const key of [
        'autoLockOneMinute',
        'clipboardOneSecond',
        'copiedClearsOne',
        'importOneSecond',
        'waitSecond',
        'waitMinute',
      ])
        expect(say(key), key).not.toMatch(/\b1 (seconden|minuten|seconds|minutes)\b/);
      for (const key of [
        'exportDoneOne',
        'scanSkippedOne',
        'scanSkippedLongNameOne',
        'scanSkippedAnyReasonOne',
        'searchFoundOne',
      ])
        expect(say(key), key).toMatch(/\b1 account\b/);
    }
    // Count-neutral where one message serves every count.
    expect(getMessageFrom(nl)('unlockWait', ['1 seconde'])).toBe(
      'Wacht nog 1 seconde en probeer het dan opnieuw.',
    );
    expect(getMessageFrom(nl)('importPreviewHeading', ['1'])).toBe('Gevonden accounts: 1');
  });

  it('a scanned name too long points to the manual form by its heading, as it reads', () => {
    for (const messages of [nl, en])
      expect(messages.scanNameTooLong?.message).toContain(`‘${messages.manualTitle?.message}’`);
  });

  it('substitutes placeholders the way chrome.i18n does', () => {
    expect(getMessageFrom(nl)('added', ['Balie'])).toBe('‘Balie’ is toegevoegd.');
    expect(getMessageFrom(en)('damagedMany', ['3'])).toMatch(/^3 accounts could not be read/);
    expect(getMessageFrom(nl)('htmlLang')).toBe('nl');
    expect(getMessageFrom(en)('htmlLang')).toBe('en');
  });
});
