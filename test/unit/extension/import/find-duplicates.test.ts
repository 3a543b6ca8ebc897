import { describe, expect, test } from 'vitest';
import { findDuplicates } from '../../../../extension/import';
import type { AccountDraft } from '../../../../extension/otp/account';
import { cleanAccountNames } from '../../../../extension/otp/clean-account-names';

const draft = (issuer: string, label: string, seed: number): AccountDraft => ({
  type: 'totp',
  secret: Uint8Array.from({ length: 20 }, (_, i) => seed + i),
  issuer,
  label,
  name: '',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
});

describe('findDuplicates', () => {
  test('the same secret, issuer and label as a stored account, or an earlier draft of the file, is a duplicate of that', () => {
    const stored = [draft('A', 'x', 1)];
    const drafts = [
      draft('A', 'x', 1),
      draft('A', 'x', 2),
      draft('B', 'x', 1),
      draft('A', 'y', 1),
      draft('A', 'x', 2),
    ];
    expect(findDuplicates(drafts, stored)).toEqual(['list', false, false, false, 'file']);
  });

  test('names that only look alike when joined are not confused', () => {
    expect(findDuplicates([draft('a:b', 'c', 1)], [draft('a', 'b:c', 1)])).toEqual([false]);
  });
});

test('a name that differs only by invisible characters is the same name, as the vault stores it', () => {
  expect(findDuplicates([draft('A\u200b', '\u202ex', 1)], [draft('A', 'x', 1)])).toEqual(['list']);
});

test('a name that differs only by a joiner or emoji selector the vault keeps is the same name', () => {
  const stored = [draft('Zorg \u{1F600}\u{1F600}', 'balie', 1)];
  const drafts = [
    draft('Zorg \u{1F600}\u200D\u{1F600}', 'balie', 1),
    draft('Zorg \u{1F600}\uFE0F\u{1F600}', 'balie', 1),
  ];
  expect(findDuplicates(drafts, stored)).toEqual(['list', 'list']);
});

test('a name that differs only by a joiner its script keeps (Persian ZWNJ, Indic ZWJ) is the same name', () => {
  const houses = '\u062E\u0627\u0646\u0647\u200C\u0647\u0627'; // خانه‌ها
  const sriLanka = '\u0DC1\u0DCA\u200D\u0DBB\u0DD3'; // ශ්‍රී
  // The vault stores them with their joiners ...
  expect(cleanAccountNames({ issuer: houses, label: sriLanka })).toEqual({ issuer: houses, label: sriLanka });
  // ... and a file that spells them without (or with the other joiner) is still a duplicate.
  const stored = [draft(houses, sriLanka, 1)];
  const drafts = [
    draft(houses.replace('\u200C', ''), sriLanka, 1),
    draft(houses, sriLanka.replace('\u200D', ''), 1),
    draft(houses.replace('\u200C', '\u200D'), sriLanka.replace('\u200D', '\u200C'), 1),
    draft(houses, sriLanka, 2),
  ];
  expect(findDuplicates(drafts, stored)).toEqual(['list', 'list', 'list', false]);
  expect(
    findDuplicates([draft(houses, sriLanka, 1)], [draft(houses.replace('\u200C', ''), sriLanka, 1)]),
  ).toEqual(['list']);
});

test("a UK nation's flag and the black flag it is made of are one name", () => {
  const wales = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}';
  expect(findDuplicates([draft(`Zorg ${wales}`, 'balie', 1)], [draft('Zorg \u{1F3F4}', 'balie', 1)])).toEqual(
    ['list'],
  );
});
