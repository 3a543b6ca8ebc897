import { describe, expect, test } from 'vitest';
import type { Account } from '../../../../extension/otp';
import { sortAccounts } from '../../../../extension/otp';

const account = (id: string, order: number, pinned = false) => ({ id, order, pinned }) as Account;

describe('sortAccounts: the one list order of the popup and the vault', () => {
  test('pinned accounts first, each group by order; the input is not changed', () => {
    const input = [account('a', 3), account('b', 1, true), account('c', 0), account('d', 2, true)];
    expect(sortAccounts(input).map((a) => a.id)).toEqual(['b', 'd', 'c', 'a']);
    expect(input.map((a) => a.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});
