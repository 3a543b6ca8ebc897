// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../extension/otp';
import { filterAccounts } from '../../../../extension/popup/filter-accounts';
import { formatCode } from '../../../../extension/popup/format-code';
import { moveAccount } from '../../../../extension/popup/move-account';
import { t } from '../../../../extension/popup/t';

describe('formatCode', () => {
  it.each([
    ['123456', '123 456'],
    ['1234567', '123 4567'],
    ['12345678', '1234 5678'],
  ])('%s → %s', (code, grouped) => {
    expect(formatCode(code)).toBe(grouped);
  });
});

function account(id: string, order: number, overrides: Partial<Account> = {}): Account {
  return {
    id,
    order,
    type: 'totp',
    secret: new Uint8Array(10),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    issuer: '',
    label: '',
    name: id,
    pinned: false,
    createdAt: 0,
    ...overrides,
  } as Account;
}

describe('moveAccount', () => {
  const list = [account('p', 0, { pinned: true }), account('a', 1), account('b', 2), account('c', 3)];

  it('moves down and up, renumbering order and keeping untouched accounts identical', () => {
    const down = moveAccount(list, 'a', 'b');
    expect(down?.map((x) => x.id)).toEqual(['p', 'b', 'a', 'c']);
    expect(down?.map((x) => x.order)).toEqual([0, 1, 2, 3]);
    expect(down?.[0]).toBe(list[0]);
    expect(down?.[3]).toBe(list[3]);
    expect(moveAccount(list, 'c', 'a')?.map((x) => x.id)).toEqual(['p', 'c', 'a', 'b']);
  });

  it('never crosses the pinned boundary, and ignores unknown ids', () => {
    expect(moveAccount(list, 'a', 'p')).toBeUndefined();
    expect(moveAccount(list, 'a', 'nope')).toBeUndefined();
    expect(moveAccount(list, 'a', 'a')).toBeUndefined();
  });
});

describe('filterAccounts', () => {
  const list = [
    account('1', 0, { name: 'Balie', issuer: 'Gemeente Utrecht', label: 'piet' }),
    account('2', 1, { name: '', issuer: 'Bank', label: 'Kees@example.nl' }),
  ];
  it('matches every word in name, issuer or label, ignoring case', () => {
    expect(filterAccounts(list, 'utrecht piet').map((a) => a.id)).toEqual(['1']);
    expect(filterAccounts(list, 'KEES').map((a) => a.id)).toEqual(['2']);
    expect(filterAccounts(list, '  ')).toBe(list);
    expect(filterAccounts(list, 'balie bank')).toEqual([]);
  });
});

describe('t', () => {
  it('returns the key when chrome.i18n is absent, so nothing throws outside the extension', () => {
    const saved = (globalThis as { chrome?: unknown }).chrome;
    delete (globalThis as { chrome?: unknown }).chrome;
    try {
      expect(t('copied')).toBe('copied');
    } finally {
      (globalThis as { chrome?: unknown }).chrome = saved;
    }
  });
});
