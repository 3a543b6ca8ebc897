import { afterEach, describe, expect, it, vi } from 'vitest';
import { t } from '../../../../extension/popup/t';
import { installChromeI18n } from './chrome-i18n';

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('t', () => {
  it.each([
    ['nl', 'actionsFor', ['Balie'], 'Acties voor Balie'],
    ['nl', 'secondsLeft', [12], 'Nog hooguit 12 seconden geldig'],
    ['nl', 'secondsLeft', [3], 'Nog hooguit 3 seconden geldig'],
    ['nl', 'actionsFor', ['$1 $$ kosten'], 'Acties voor $1 $$ kosten'],
    ['en', 'secondsLeft', [12], undefined],
  ] as const)('%s %s %j', (locale, key, substitutions, expected) => {
    installChromeI18n(locale);
    const text = t(key, ...substitutions);
    if (expected !== undefined) expect(text).toBe(expected);
    else expect(text).toContain(String(substitutions[0]));
  });

  it('asks chrome.i18n once per message, and again when another getMessage is installed', () => {
    installChromeI18n('nl');
    type I18n = { getMessage: (key: string, substitutions?: string[]) => string };
    const i18n = (globalThis as { chrome?: { i18n: I18n } }).chrome?.i18n;
    if (i18n === undefined) throw new Error('setup');
    const getMessage = vi.spyOn(i18n, 'getMessage');
    for (let i = 0; i < 100; i++) t('secondsLeft', i);
    expect(getMessage).toHaveBeenCalledTimes(1);
    installChromeI18n('en');
    expect(t('secondsLeft', 7)).not.toBe('Nog hooguit 7 seconden geldig');
    installChromeI18n('nl');
    expect(t('secondsLeft', 7)).toBe('Nog hooguit 7 seconden geldig');
  });

  it('returns the key outside the extension and for an unknown message', () => {
    expect(t('copied')).toBe('copied');
    (globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage: () => '' } };
    expect(t('copied')).toBe('copied');
  });
});
