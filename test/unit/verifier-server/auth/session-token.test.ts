import { describe, expect, test } from 'vitest';
import {
  newSessionToken,
  randomSelector,
  sessionKeyOf,
} from '../../../../verifier-server/auth/session-token';
import { hashToken, randomToken } from '../../../../verifier-server/auth/tokens';
import { rotationKeys, splitSessionKey } from '../../../../verifier-server/store/session-key';

describe('session cookies: a selector and a validator (SECURITY #14)', () => {
  test('the cookie names its key; the key holds the validator only as its hash', () => {
    const { token, idHash } = newSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(sessionKeyOf(token)).toBe(idHash);
    const [selector, validator] = token.split('.') as [string, string];
    expect(splitSessionKey(idHash)).toEqual({ selector, validatorHash: hashToken(validator) });
    expect(idHash).not.toContain(validator);
  });

  test('a rotation keeps the selector and draws a new validator', () => {
    const first = newSessionToken();
    const { selector } = splitSessionKey(first.idHash);
    const next = newSessionToken(selector);
    expect(splitSessionKey(next.idHash).selector).toBe(selector);
    expect(next.idHash).not.toBe(first.idHash);
    expect(next.token).not.toBe(first.token);
    expect(rotationKeys(first.idHash, next.idHash)).toEqual({
      selector,
      oldValidatorHash: splitSessionKey(first.idHash).validatorHash,
      nextValidatorHash: splitSessionKey(next.idHash).validatorHash,
    });
  });

  test('a rotation to another selector is a programming error, not a silent move', () => {
    expect(() => rotationKeys(newSessionToken().idHash, newSessionToken().idHash)).toThrow(
      /keeps the selector/,
    );
  });

  test('selectors and validators are fresh each time', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newSessionToken().token));
    const selectors = new Set(Array.from({ length: 200 }, () => randomSelector()));
    expect(tokens.size).toBe(200);
    expect(selectors.size).toBe(200);
  });

  test.each([
    ['an id from before the selector (43 characters)', randomToken()],
    ['no validator', `${randomSelector()}.`],
    ['a short validator', `${randomSelector()}.${randomToken().slice(1)}`],
    ['a long selector', `${randomSelector()}x.${randomToken()}`],
    ['a second dot', `${randomSelector()}.${randomToken()}.x`],
    ['a character outside base64url', `${randomSelector()}.${randomToken().slice(1)}+`],
    ['empty', ''],
  ])('%s names no session', (_name, cookie) => {
    expect(sessionKeyOf(cookie)).toBeNull();
  });
});
