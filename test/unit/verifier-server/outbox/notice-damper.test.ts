import { expect, test } from 'vitest';
import { createNoticeDamper } from '../../../../verifier-server/outbox/notice-damper';

test('one notice per key per window; other keys are free; past the bound the oldest is forgotten', () => {
  const notice = createNoticeDamper(600, 2);
  expect(notice('1', 1000)).toBe(true);
  expect(notice('1', 1599)).toBe(false);
  expect(notice('2', 1599)).toBe(true);
  expect(notice('1', 1600)).toBe(true);
  // Three keys, two kept: '2' (the oldest notice) is forgotten and may send again.
  expect(notice('3', 1601)).toBe(true);
  expect(notice('2', 1602)).toBe(true);
  // That pushed out '1'; '3' is still kept.
  expect(notice('3', 1603)).toBe(false);
});
