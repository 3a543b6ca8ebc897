import { describe, expect, test } from 'vitest';
import { MESSAGES_EN } from '../../../../verifier-server/i18n/messages-en';
import { MESSAGES_NL } from '../../../../verifier-server/i18n/messages-nl';
import { pluralKey, translator } from '../../../../verifier-server/i18n/translator';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogues', () => {
  test('English has exactly the Dutch keys', () => {
    expect(Object.keys(MESSAGES_EN).sort()).toEqual(Object.keys(MESSAGES_NL).sort());
  });

  test('every message has the same {placeholders} in both languages, and no English one is empty', () => {
    const mismatches = (Object.keys(MESSAGES_NL) as Array<keyof typeof MESSAGES_NL>).flatMap((key) => {
      const nl = placeholders(MESSAGES_NL[key]);
      const en = placeholders(MESSAGES_EN[key] ?? '');
      const empty = (MESSAGES_EN[key] ?? '').trim() === '';
      return empty || nl.join() !== en.join() ? [{ key, nl, en, empty }] : [];
    });
    expect(mismatches).toEqual([]);
  });

  test('the portal’s words: logged out (‘Uitloggen’), and SMS in capitals (the outbox’s ‘sms’jes’ aside)', () => {
    const nl = Object.entries(MESSAGES_NL);
    const en = Object.entries(MESSAGES_EN);
    expect(nl.filter(([, text]) => /afgemeld/.test(text))).toEqual([]);
    expect(nl.filter(([, text]) => /\bsms\b(?!’)/.test(text))).toEqual([]);
    expect(en.filter(([, text]) => /signed out|by text message/.test(text))).toEqual([]);
    expect(MESSAGES_NL['account.removed']).toContain('bent u uitgelogd');
    expect(MESSAGES_EN['account.removed']).toContain('You have been logged out');
  });

  test('the translator fills placeholders and leaves unknown ones visible', () => {
    const t = translator('nl');
    expect(t('mfa.badFormat', { digits: 6 })).toBe('Vul de 6-cijferige code in, alleen cijfers.');
    expect(t('mfa.badFormat')).toContain('{digits}');
    expect(translator('en')('enroll.nameTooLong', { max: 64 })).toBe(
      'The name can be at most 64 characters long.',
    );
  });

  test('a message in two forms has both, `.one` and `.other`, and the count picks one', () => {
    const keys = Object.keys(MESSAGES_NL);
    const lonely = keys.filter((k) => {
      const m = /^(.*)\.(one|other)$/.exec(k);
      return m && !keys.includes(`${m[1]}.${m[2] === 'one' ? 'other' : 'one'}`);
    });
    expect(lonely).toEqual([]);
    expect([0, 1, 2, 21].map((n) => pluralKey('nl', 'mfa.throttled', n))).toEqual([
      'mfa.throttled.other',
      'mfa.throttled.one',
      'mfa.throttled.other',
      'mfa.throttled.other',
    ]);
    expect(pluralKey('en', 'login.throttled', 1)).toBe('login.throttled.one');
    expect(translator('nl')(pluralKey('nl', 'login.throttled', 1))).toBe(
      'Te veel mislukte inlogpogingen. Probeer het over 1 seconde opnieuw.',
    );
  });
});
