/**
 * The strength hint under a new passphrase (vault and backup): length first, and a common word
 * with digits or a keyboard run called guessable whatever its length. A hint, not a gate: the
 * options page still saves a guessable passphrase that meets the minimum.
 */
import { describe, expect, test } from 'vitest';
import { guessablePassphrase } from '../../../../extension/options/guessable-passphrase';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from '../../../../extension/options/passphrase-strength';

describe('the passphrase strength hint', () => {
  test.each([
    ['', 'weak'],
    ['a'.repeat(MIN_PASSPHRASE_LENGTH - 1), 'weak'],
    ['eikenhout!', 'fair'],
    ['Eikenhout-Lamp-9', 'strong'],
    ['een zin van vier woorden', 'strong'],
    // Long enough, and yet among an attacker's first guesses.
    ['Wachtwoord-2026', 'guessable'],
    ['wachtwoord', 'guessable'],
  ] as const)('%j is %s', (passphrase, strength) => {
    expect(passphraseStrength(passphrase)).toBe(strength);
  });
});

describe('guessable passphrases', () => {
  test.each([
    'Wachtwoord-2026',
    'Welkom01!!',
    'WELKOM2026#',
    'welkomwelkom',
    'W3lk0m2026!',
    'P@ssw0rd123',
    'Tandarts2026',
    'Huisartsenpraktijk1',
    'Zomer2026!!',
    'Augustus-1987',
    'Praktijk2026!',
    '1234567890',
    '0987654321',
    '31-12-1980!!',
    'aaaaaaaaaaaa',
    'qwertyuiop',
    'azertyuiop1',
    'abcdefghij',
    'Wáchtwoord-2026',
    'Juli-Augustus-2026',
    'Welkom2026Balie',
    'Tandarts@Amsterdam1',
    'Ajax Amsterdam 2026',
    'Qwertz123456',
    'Hallo12345!',
  ])('%j is guessable', (passphrase) => {
    expect(guessablePassphrase(passphrase)).toBe(true);
  });

  test.each([
    'een zin van vier woorden',
    'paarse olifant achter de balie',
    'Eikenhout-Lamp-9',
    'koffie staat klaar om negen',
    'groene kikker naast de balie',
    // A common word among other words is a sentence, not a guess.
    'welkom bij de oude molen',
    'tandarts op dinsdag om tien',
    // Long random digits are not a guess (a date or a phone number is short).
    '8493-2817-5502-1190',
  ])('%j is not', (passphrase) => {
    expect(guessablePassphrase(passphrase)).toBe(false);
  });
});
