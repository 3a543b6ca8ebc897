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

  // What the verifier accepts in an authenticator's name (shared/emoji-sequence.ts), kept alike.
  test.each([
    ['the flag of England', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}'],
    ['the flag of Scotland', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}'],
    ['the flag of Wales', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}'],
    ['a keycap (1 U+FE0F U+20E3)', '1\uFE0F\u20E3'],
    ['a text-style symbol (⚕ U+FE0E)', '\u2695\uFE0E'],
  ])('keeps %s whole, as the verifier does', (_what, emoji) => {
    expect(stripInvisible(`Balie ${emoji} 2`)).toBe(`Balie ${emoji} 2`);
    expect(cleanAccountNames({ issuer: `${emoji} Zorg` }).issuer).toBe(`${emoji} Zorg`);
  });

  test('drops the tags of any other flag, and tags without their black flag', () => {
    const tags = (letters: string) =>
      [...letters].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    // 🏴 + "gbxyz" + cancel tag: no flag, only hidden letters.
    expect(stripInvisible(`Zorg \u{1F3F4}${tags('gbxyz')}\u{E007F}`)).toBe('Zorg \u{1F3F4}');
    expect(stripInvisible(`Zorg ${tags('gbeng')}\u{E007F}`)).toBe('Zorg ');
    // Hidden text after a real flag goes, the flag stays.
    const wales = `\u{1F3F4}${tags('gbwls')}\u{E007F}`;
    expect(stripInvisible(`${wales}${tags('secret')}`)).toBe(wales);
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

describe('stripInvisible: the joiners that spell Arabic-script and Indic words', () => {
  test.each([
    ['Persian ZWNJ: "I want"', '\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645'], // می‌خواهم
    ['Persian ZWNJ before a plural suffix: "houses"', '\u062E\u0627\u0646\u0647\u200C\u0647\u0627'], // خانه‌ها
    ['Persian ZWNJ in a name: Zorgpraktijk می‌آید', 'Zorgpraktijk \u0645\u06CC\u200C\u0622\u06CC\u062F'],
    ['Sinhala ZWJ after the virama: Sri Lanka', '\u0DC1\u0DCA\u200D\u0DBB\u0DD3 \u0DBD\u0D82\u0D9A\u0DCF'], // ශ්‍රී ලංකා
    ['Marathi ZWJ after the virama: eyelash ra', '\u0926\u0930\u094D\u200D\u092F\u093E'], // दर्‍या
    ['Devanagari ZWNJ after the virama: a visible halant', '\u0915\u094D\u200C\u0937'], // क्‌ष
    ['Bengali ZWJ after the virama: khanda ta in "festival"', '\u0989\u09A4\u09CD\u200D\u09B8\u09AC'], // উত্‍সব
  ])('keeps: %s', (_what, word) => {
    expect(stripInvisible(word)).toBe(word);
    expect(cleanAccountNames({ issuer: ` ${word} ` }).issuer).toBe(word);
  });

  test.each([
    ['between Latin letters', 'ba\u200Dlie', 'balie'],
    ['a ZWNJ between Latin letters', 'Zorg\u200Cportaal', 'Zorgportaal'],
    ['leading', '\u200C\u0645\u06CC', '\u0645\u06CC'],
    ['trailing', '\u0645\u06CC\u200C', '\u0645\u06CC'],
    ['before a space', '\u0645\u06CC\u200C \u062E\u0648', '\u0645\u06CC \u062E\u0648'],
    ['doubled', '\u0645\u06CC\u200C\u200C\u062E\u0648', '\u0645\u06CC\u062E\u0648'],
    ['a ZWNJ and a ZWJ', '\u0915\u094D\u200D\u200C\u0937', '\u0915\u094D\u0937'],
    ['between Devanagari and Arabic', '\u0915\u200C\u0628', '\u0915\u0628'],
    ['between Latin and Arabic', 'a\u200C\u0628', 'a\u0628'],
    ['between Arabic and Latin', '\u0628\u200Da', '\u0628a'],
    ['between Devanagari and Bengali', '\u0915\u094D\u200D\u09B7', '\u0915\u094D\u09B7'],
    ['before a digit', '\u0645\u06CC\u200C\u06F2', '\u0645\u06CC\u06F2'],
    ['between Hebrew letters (a script that needs none)', '\u05E9\u200C\u05DC', '\u05E9\u05DC'],
    ['between Cyrillic letters', '\u0431\u200D\u0430\u043D\u043A', '\u0431\u0430\u043D\u043A'],
    ['after a virama with nothing after it', '\u0915\u094D\u200D', '\u0915\u094D'],
    ['beside another invisible character', '\u0645\u06CC\u200B\u200C\u062E', '\u0645\u06CC\u062E'],
    ['after a bidirectional control', '\u0645\u202E\u200C\u062E', '\u0645\u062E'],
  ])('strips: %s', (_what, name, expected) => {
    expect(stripInvisible(name)).toBe(expected);
  });

  // Each mark before a joiner is looked at once, for that joiner: no text makes it slow.
  test('long crafted runs of letters, marks and joiners are read in linear time', { timeout: 5_000 }, () => {
    const kept = '\u0645\u200C'.repeat(100_000);
    expect(stripInvisible(`${kept}\u0645`)).toBe(`${kept}\u0645`);
    const marks = `\u0915${'\u094D'.repeat(200_000)}\u200D\u0937`;
    expect(stripInvisible(marks)).toBe(marks);
    expect(stripInvisible('\u094D\u200D'.repeat(100_000))).toBe('\u094D'.repeat(100_000));
    expect(stripInvisible(`${'\u0915\u094D'.repeat(50_000)}\u200D\u200D`)).toBe(
      '\u0915\u094D'.repeat(50_000),
    );
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
