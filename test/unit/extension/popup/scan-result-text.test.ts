/**
 * What the popup says after a scan of a Google Authenticator export some of whose entries were
 * left out: each reason with its own count, never an algorithm for a name that was too long.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { type LastScan, lastScan } from '../../../../extension/last-scan';
import { scanResultText } from '../../../../extension/popup/scan-result-text';
import { installChromeI18n } from './chrome-i18n';

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

const found = { foundOutsideSelection: false } as const;
const added = (skipped: number, skippedLongNames?: number): LastScan =>
  lastScan({
    status: 'added',
    names: ['a', 'b'],
    ids: ['1', '2'],
    skipped,
    ...(skippedLongNames === undefined ? {} : { skippedLongNames }),
    ...found,
  });

const ALGORITHM = 'een niet-ondersteund algoritme of een te korte sleutel';

/** The lines after '2 accounts zijn toegevoegd.' in Dutch, or in English. */
function told(scan: LastScan, locale: 'nl' | 'en' = 'nl'): string[] {
  installChromeI18n(locale);
  return scanResultText(scan).slice(1);
}

describe('an export with entries that could not be used', () => {
  test('a name over 200 characters is told as such, not as an algorithm or a short key', () => {
    expect(told(added(1, 1))).toEqual([
      '1 account uit de export kon niet worden gebruikt: de naam is langer dan 200 tekens.',
    ]);
    expect(told(added(3, 3))).toEqual([
      '3 accounts uit de export konden niet worden gebruikt: hun naam is langer dan 200 tekens.',
    ]);
    expect(told(added(1, 1), 'en')).toEqual([
      '1 account in the export could not be used: its name is longer than 200 characters.',
    ]);
    expect(told(added(3, 3), 'en')).toEqual([
      '3 accounts in the export could not be used: their names are longer than 200 characters.',
    ]);
  });

  test('an unsupported algorithm or a short key keeps its sentence', () => {
    expect(told(added(1, 0))).toEqual([`1 account uit de export kon niet worden gebruikt (${ALGORITHM}).`]);
    expect(told(added(2, 0))).toEqual([
      `2 accounts uit de export konden niet worden gebruikt (${ALGORITHM}).`,
    ]);
  });

  test('both reasons: each with its own count', () => {
    expect(told(added(3, 1))).toEqual([
      `2 accounts uit de export konden niet worden gebruikt (${ALGORITHM}).`,
      '1 account uit de export kon niet worden gebruikt: de naam is langer dan 200 tekens.',
    ]);
    expect(told(added(3, 2))).toEqual([
      `1 account uit de export kon niet worden gebruikt (${ALGORITHM}).`,
      '2 accounts uit de export konden niet worden gebruikt: hun naam is langer dan 200 tekens.',
    ]);
  });

  test('reasons not counted apart (a scan stored at the unlock): one sentence that names them all', () => {
    const all = 'een niet-ondersteund algoritme, een te korte sleutel of een naam langer dan 200 tekens';
    expect(told(added(1))).toEqual([`1 account uit de export kon niet worden gebruikt (${all}).`]);
    expect(told(added(2))).toEqual([`2 accounts uit de export konden niet worden gebruikt (${all}).`]);
  });

  test('the same for an export already in the list, and for one none of whose accounts can be used', () => {
    const duplicate = lastScan({
      status: 'duplicate',
      names: ['a'],
      skipped: 1,
      skippedLongNames: 1,
      ...found,
    });
    expect(told(duplicate)).toEqual([
      '1 account uit de export kon niet worden gebruikt: de naam is langer dan 200 tekens.',
    ]);
    installChromeI18n('nl');
    expect(
      scanResultText(lastScan({ status: 'unusable', skipped: 2, skippedLongNames: 2, ...found })),
    ).toEqual([
      'Geen enkel account uit deze export kan worden gebruikt.',
      '2 accounts uit de export konden niet worden gebruikt: hun naam is langer dan 200 tekens.',
    ]);
  });

  test('nothing left out: nothing said about it', () => {
    expect(told(added(0, 0))).toEqual([]);
    expect(told(added(0))).toEqual([]);
  });
});

describe('a QR code whose name is too long', () => {
  test('points to adding the account with its key and a shorter name (the service is not asked)', () => {
    const scan = lastScan({ status: 'invalid', error: 'label-too-long', ...found });
    installChromeI18n('nl');
    expect(scanResultText(scan)).toEqual([
      'De naam in deze QR-code is langer dan 200 tekens; daarom is niets toegevoegd. Staat er een sleutel bij de QR-code? Voeg het account dan toe met die sleutel (‘Account toevoegen met een sleutel’) en een kortere naam.',
    ]);
    installChromeI18n('en');
    expect(scanResultText(scan)).toEqual([
      'The name in this QR code is longer than 200 characters, so nothing was added. Is there a key next to the QR code? Then add the account with that key (‘Add an account with a key’) and a shorter name.',
    ]);
  });
});

describe('one account added beside one of the same name', () => {
  const one = (namesake: boolean): LastScan =>
    lastScan({
      status: 'added',
      names: ['Demo Portaal: demo'],
      ids: ['1'],
      skipped: 0,
      ...(namesake ? { namesake: true as const } : {}),
      ...found,
    });

  test('asks for a name of its own before the next step, in both languages', () => {
    expect(told(one(true))).toEqual([
      'U had al een account met deze naam. Geef dit nieuwe account een eigen naam met ‘Naam wijzigen’, bijvoorbeeld de naam die u de authenticator in het portaal gaf. Zo kiest u later het juiste.',
      expect.stringMatching(/^Nog één stap/),
    ]);
    expect(told(one(true), 'en')[0]).toBe(
      'You already had an account with this name. Give this new one a name of its own with ‘Rename’, such as the name you gave the authenticator in the portal, so you pick the right one later.',
    );
  });

  test('says nothing of it when the name is new', () => {
    expect(told(one(false))).toEqual([expect.stringMatching(/^Nog één stap/)]);
  });
});

describe('an account already in the list, scanned again on its site', () => {
  test('says which website it now has, in both languages; nothing when none was given', () => {
    const scan = (linkedSite?: string) =>
      lastScan({
        status: 'duplicate',
        names: ['Demo Portaal: demo'],
        skipped: 0,
        ...found,
        ...(linkedSite === undefined ? {} : { linkedSite }),
      });
    expect(told(scan('https://portaal.example.nl'))).toEqual([
      'Deze website is nu aan het account gekoppeld: portaal.example.nl. Daar vult Authenticator de code in zonder het eerst te vragen.',
    ]);
    expect(told(scan('https://portaal.example.nl'), 'en')[0]).toContain('now linked to the account');
    expect(told(scan())).toEqual([]);
  });
});
