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

  test('keeps the joiners and selectors inside an emoji sequence, and only there', () => {
    const nurse = '\u{1F469}\u200D\u2695\uFE0F'; // 👩‍⚕️ woman health worker
    const family = '\u{1F468}\u{1F3FD}\u200D\u{1F469}\u200D\u{1F467}'; // with a skin tone
    expect(stripInvisible(`Huisarts ${nurse}`)).toBe(`Huisarts ${nurse}`);
    expect(stripInvisible(`${family} thuis`)).toBe(`${family} thuis`);
    expect(stripInvisible('\u2764\uFE0F Zorg')).toBe('\u2764\uFE0F Zorg');
    // A joiner or selector next to a letter or digit, or left dangling, is still dropped.
    expect(stripInvisible(`Bank\u200D${nurse}`)).toBe(`Bank${nurse}`);
    expect(stripInvisible(`${nurse}\u200DBank\uFE0F`)).toBe(`${nurse}Bank`);
    expect(stripInvisible('Balie 1\uFE0F')).toBe('Balie 1');
    expect(stripInvisible('\u{1F469}\u200D\u200D\u2695')).toBe('\u{1F469}\u2695');
    // Bidirectional controls inside a sequence's reach still go.
    expect(stripInvisible('\u{1F469}\u202E\u200D\u2695')).toBe('\u{1F469}\u2695');
  });

  // A pattern that backtracked would take minutes here (it runs in the popup's thread).
  test('a long crafted run of pictographs and joiners is read in linear time', { timeout: 5_000 }, () => {
    const crafted = '\u{1F469}\u200D'.repeat(50_000);
    expect(stripInvisible(crafted)).toBe(`${'\u{1F469}\u200D'.repeat(49_999)}\u{1F469}`);
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
