import { describe, expect, test } from 'vitest';
import type { ImportResult } from '../../../../extension/import';
import { importReport } from '../../../../extension/options/import-report';
import { ACCOUNTS, fixtureDraft } from '../import/import-fixtures';

const [a, b, c] = ACCOUNTS.map((account) => fixtureDraft(account));
if (a === undefined || b === undefined || c === undefined) throw new Error('fixtures');

describe('the import report', () => {
  test('counts what was stored; duplicates, unticked and unsupported are skipped, malformed unreadable, each named', () => {
    const result: ImportResult = {
      format: 'aegis',
      accounts: [a, b, c, a],
      rejected: [
        { name: 'Steam (gamer)', reason: 'unsupported-type' },
        { name: 'Kapot', reason: 'bad-secret' },
      ],
      warnings: [],
    };
    expect(importReport(result, ['list', false, false, 'file'], [false, false, true, false])).toEqual({
      imported: 1,
      skipped: [
        { name: 'Gemeente Voorbeeld (balie@praktijk.nl)', reason: 'duplicate' },
        { name: 'Zorgportaal (assistent)', reason: 'deselected' },
        // The second copy in the file: said as such, not as "already in your list".
        { name: 'Gemeente Voorbeeld (balie@praktijk.nl)', reason: 'repeated' },
        { name: 'Steam (gamer)', reason: 'unsupported-type' },
      ],
      unreadable: [{ name: 'Kapot', reason: 'bad-secret' }],
    });
  });
});

test('an unticked account is named by the name the user gave it, when the file keeps one (twins told apart)', () => {
  const named = { ...a, name: 'Apotheek' };
  const result: ImportResult = { format: 'backup', accounts: [named, a], rejected: [], warnings: [] };
  expect(importReport(result, [false, false], [false, false]).skipped.map((line) => line.name)).toEqual([
    'Apotheek',
    'Gemeente Voorbeeld (balie@praktijk.nl)',
  ]);
});
