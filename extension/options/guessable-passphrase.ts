/**
 * Words people pick first for a password, in Dutch and English, and words a practice's staff would
 * reach for (their trade, the season, the place). A passphrase made of one of them (or one
 * repeated) plus digits and signs is among an attacker's first guesses, whatever its length
 * ("Wachtwoord-2026", "Welkom01!!", "Tandarts2026"). Deliberately short: the aim is the hint at
 * the most common choices, not a dictionary (zxcvbn's weighs ~400 kB; see passphrase-strength.ts).
 */
const COMMON_WORDS = new Set([
  'wachtwoord',
  'wachtwoorden',
  'welkom',
  'welkomstwoord',
  'geheim',
  'paswoord',
  'password',
  'passwoord',
  'passphrase',
  'wachtwoordzin',
  'welcome',
  'letmein',
  'iloveyou',
  'admin',
  'administrator',
  'qwerty',
  'qwertz',
  'qwertyuiop',
  'hallo',
  'hello',
  'test',
  'azerty',
  'asdfgh',
  'asdfghjkl',
  'zxcvbn',
  'abc',
  'abcdef',
  'abcdefgh',
  'abcdefghij',
  'authenticator',
  'chrome',
  'google',
  'balie',
  'receptie',
  'praktijk',
  'huisarts',
  'huisartsen',
  'huisartsenpraktijk',
  'tandarts',
  'tandartspraktijk',
  'fysio',
  'fysiotherapie',
  'apotheek',
  'assistente',
  'doktersassistente',
  'zorg',
  'patient',
  'infomedics',
  'lente',
  'voorjaar',
  'zomer',
  'herfst',
  'najaar',
  'winter',
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
  'nederland',
  'holland',
  'amsterdam',
  'rotterdam',
  'ajax',
  'feyenoord',
  'psv',
  'sunshine',
  'monkey',
  'dragon',
  'football',
  'voetbal',
]);

/** Keyboard rows and the alphabet, in which a run of 4 or more in order (or reverse) is a pattern. */
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '0123456789',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'azertyuiop',
];

/** The digits and signs people put for letters ("W3lk0m" is "welkom"). */
const SWAPS: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

/** Whether `text` is one character repeated, or a run of one of the sequences (either way). */
function isPattern(text: string): boolean {
  if (text.length === 0) return true;
  if ([...text].every((c) => c === text[0])) return true;
  if (text.length < 4) return false;
  return SEQUENCES.some((row) => row.includes(text) || [...row].reverse().join('').includes(text));
}

/**
 * Whether `letters` is a common word, one repeated ("welkomwelkom"), or two or three of them run
 * together ("juliaugustus", "welkombalie": the words stay guessable side by side).
 */
function isCommonWord(letters: string, parts = 3): boolean {
  if (COMMON_WORDS.has(letters)) return true;
  for (let size = 3; size <= letters.length / 2; size++) {
    if (letters.length % size !== 0) continue;
    const part = letters.slice(0, size);
    if (part.repeat(letters.length / size) === letters && COMMON_WORDS.has(part)) return true;
  }
  if (parts <= 1) return false;
  for (let cut = 3; cut <= letters.length - 3; cut++)
    if (COMMON_WORDS.has(letters.slice(0, cut)) && isCommonWord(letters.slice(cut), parts - 1)) return true;
  return false;
}

/**
 * Whether a passphrase is among the first guesses: fewer than 12 digits and signs only; one
 * character repeated; a keyboard or alphabet run; or common words (one, repeated, or up to three
 * run together) with only digits and signs around and between them. Letters are compared without
 * case and accents, and with the usual swaps of digits for letters undone (SWAPS).
 */
export function guessablePassphrase(passphrase: string): boolean {
  const plain = passphrase.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const compact = plain.replace(/\s+/g, '');
  if (isPattern(compact)) return true;
  const letters = compact.replace(/[^\p{L}]/gu, '');
  // Digits and signs only: a date, a phone or postcode number is short; 12 random digits are not.
  if (letters === '') return compact.replace(/\D/g, '').length < 12;
  if (isPattern(letters) || isCommonWord(letters)) return true;
  // The swaps are undone only between the first and the last letter: "W3lk0m2026" is "welkom"
  // and 2026, not "welkomzo26".
  const core = compact.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const unswapped = core.replace(/[013457@$]/g, (c) => SWAPS[c] ?? c).replace(/[^\p{L}]/gu, '');
  return isCommonWord(unswapped);
}
