import { describe, expect, test } from 'vitest';
import type { AccountDraft, AccountNames } from '../../../../extension/otp';
import { cleanAccountNames, stripInvisible } from '../../../../extension/otp';

/** Every character a name loses (code point, name): each could make one name pass for another. */
const INVISIBLE: ReadonlyArray<readonly [string, string]> = [
  ['202A', 'LEFT-TO-RIGHT EMBEDDING'],
  ['202B', 'RIGHT-TO-LEFT EMBEDDING'],
  ['202C', 'POP DIRECTIONAL FORMATTING'],
  ['202D', 'LEFT-TO-RIGHT OVERRIDE'],
  ['202E', 'RIGHT-TO-LEFT OVERRIDE'],
  ['2066', 'LEFT-TO-RIGHT ISOLATE'],
  ['2067', 'RIGHT-TO-LEFT ISOLATE'],
  ['2068', 'FIRST STRONG ISOLATE'],
  ['2069', 'POP DIRECTIONAL ISOLATE'],
  ['2800', 'BRAILLE PATTERN BLANK'],
  ['200E', 'LEFT-TO-RIGHT MARK'],
  ['200F', 'RIGHT-TO-LEFT MARK'],
  ['061C', 'ARABIC LETTER MARK'],
  ['200B', 'ZERO WIDTH SPACE'],
  ['200C', 'ZERO WIDTH NON-JOINER'],
  ['200D', 'ZERO WIDTH JOINER'],
  ['2060', 'WORD JOINER'],
  ['2061', 'FUNCTION APPLICATION'],
  ['2064', 'INVISIBLE PLUS'],
  ['FEFF', 'ZERO WIDTH NO-BREAK SPACE (BOM)'],
  ['00AD', 'SOFT HYPHEN'],
  ['180E', 'MONGOLIAN VOWEL SEPARATOR'],
  ['034F', 'COMBINING GRAPHEME JOINER'],
  ['3164', 'HANGUL FILLER'],
  ['FFA0', 'HALFWIDTH HANGUL FILLER'],
  ['206A', 'INHIBIT SYMMETRIC SWAPPING'],
  ['FE0F', 'VARIATION SELECTOR-16'],
  ['E0041', 'TAG LATIN CAPITAL LETTER A'],
];

const draft = (names: Partial<AccountNames>): AccountDraft => ({
  type: 'totp',
  secret: Uint8Array.from({ length: 20 }, (_, i) => i),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  issuer: '',
  label: '',
  name: '',
  ...names,
});

describe('stripInvisible', () => {
  test.each(INVISIBLE)('#%# drops U+%s %s', (hex) => {
    const character = String.fromCodePoint(Number.parseInt(hex, 16));
    expect(stripInvisible(`Ba${character}nk${character}`)).toBe('Bank');
  });

  test('keeps right-to-left letters, accents and ordinary spaces: only what cannot be seen goes', () => {
    expect(stripInvisible('בנק לאומי · Zorgverzekeraar Één')).toBe('בנק לאומי · Zorgverzekeraar Één');
  });
});

describe('cleanAccountNames', () => {
  test('cleans the issuer, label and own name of a draft, trimmed, and leaves the secret as it was', () => {
    const scanned = draft({ issuer: '\u202eBank\u200b', label: ' bob\ufeff ', name: '\u2067x\u2069' });
    const cleaned = cleanAccountNames(scanned);
    expect(cleaned).toMatchObject({ issuer: 'Bank', label: 'bob', name: 'x' });
    expect(cleaned.secret).toBe(scanned.secret);
    expect(cleaned.secret).toEqual(Uint8Array.from({ length: 20 }, (_, i) => i));
    expect({ ...cleaned, issuer: '', label: '', name: '' }).toEqual({
      ...scanned,
      issuer: '',
      label: '',
      name: '',
    });
  });

  test('a name of nothing but invisible characters becomes empty', () => {
    expect(cleanAccountNames(draft({ name: '\u200b\u200d\u00ad' })).name).toBe('');
  });

  test('in a patch, only the names present are cleaned; absent ones stay absent', () => {
    expect(cleanAccountNames({ name: 'Balie\u200b' })).toEqual({ name: 'Balie' });
    expect(cleanAccountNames({ issuer: undefined, name: 'a' })).toEqual({ issuer: undefined, name: 'a' });
  });
});
