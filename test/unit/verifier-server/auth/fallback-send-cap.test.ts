import { describe, expect, test } from 'vitest';
import { fallbackSendCap } from '../../../../verifier-server/auth/fallback-send-cap';

const NOW = 1_800_000_000;
const policy = { fallbackSendsPerClientPerHour: 2, fallbackSendsPerHour: 4 };
const send = (ago: number, client: string) => ({ sentAt: NOW - ago, client });

describe('fallbackSendCap: which send cap stops a send now, and until when (SECURITY #19)', () => {
  test('below both caps: none', () => {
    expect(fallbackSendCap([send(600, 'b'), send(300, 'a')], 'a', policy, NOW)).toBeNull();
  });

  test("this client's cap: until its oldest counted send is an hour old; another client is not stopped", () => {
    const sends = [send(1200, 'a'), send(600, 'b'), send(300, 'a')];
    expect(fallbackSendCap(sends, 'a', policy, NOW)).toEqual({
      scope: 'client',
      limit: 2,
      retryAt: NOW - 1200 + 3600,
    });
    expect(fallbackSendCap(sends, 'b', policy, NOW)).toBeNull();
  });

  test("the account's ceiling stops every client, a new one too", () => {
    const sends = [send(1500, 'a'), send(1200, 'b'), send(900, 'c'), send(600, 'd')];
    expect(fallbackSendCap(sends, 'e', policy, NOW)).toEqual({
      scope: 'account',
      limit: 4,
      retryAt: NOW - 1500 + 3600,
    });
  });

  test("a device of the user: its own cap only, past the account's ceiling", () => {
    const sends = [send(1500, 'a'), send(1200, 'b'), send(900, 'c'), send(600, 'd')];
    expect(fallbackSendCap(sends, 'dev', policy, NOW, true)).toBeNull();
    const own = [...sends, send(500, 'dev'), send(400, 'dev')];
    expect(fallbackSendCap(own, 'dev', policy, NOW, true)).toEqual({
      scope: 'device',
      limit: 2,
      retryAt: NOW - 500 + 3600,
    });
  });

  test('both reached: the one that admits a send later is named, the client on a tie', () => {
    const accountLater = [send(3000, 'a'), send(2000, 'b'), send(1000, 'a'), send(500, 'b'), send(100, 'b')];
    // Client b: the 2nd newest of its own (500 s ago) leaves at +3100; the account's 4th newest (2000 s ago) at +1600.
    expect(fallbackSendCap(accountLater, 'b', policy, NOW)).toMatchObject({ scope: 'client' });
    const sends = [send(1000, 'x'), send(900, 'a'), send(800, 'a'), send(700, 'x'), send(600, 'x')];
    // Client a: 900 s ago → +2700; the account: its 4th newest, 900 s ago → +2700 as well.
    expect(fallbackSendCap(sends, 'a', policy, NOW)).toEqual({
      scope: 'client',
      limit: 2,
      retryAt: NOW - 900 + 3600,
    });
    const accountCap = [send(3000, 'a'), send(2900, 'x'), send(2800, 'x'), send(100, 'a'), send(50, 'x')];
    // Client a: 3000 s ago → +600; the account: its 4th newest (2900 s ago) → +700.
    expect(fallbackSendCap(accountCap, 'a', policy, NOW)).toEqual({
      scope: 'account',
      limit: 4,
      retryAt: NOW - 2900 + 3600,
    });
  });

  test('a retry is never before now + 1 (the store counts a send an hour old no more)', () => {
    const sends = [send(3600, 'a'), send(3599, 'a')];
    expect(fallbackSendCap(sends, 'a', policy, NOW)?.retryAt).toBe(NOW + 1);
  });
});
