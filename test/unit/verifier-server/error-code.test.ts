import { describe, expect, test } from 'vitest';
import { errorCode } from '../../../verifier-server/error-code';

describe('errorCode', () => {
  test('reads the code Node, SQLite and PostgreSQL errors carry, as a string', () => {
    expect(errorCode(Object.assign(new Error('x'), { code: 'EEXIST' }))).toBe('EEXIST');
    expect(errorCode(Object.assign(new Error('x'), { code: 'SQLITE_BUSY_SNAPSHOT' }))).toBe(
      'SQLITE_BUSY_SNAPSHOT',
    );
    expect(errorCode(Object.assign(new Error('x'), { code: 40001 }))).toBe('40001');
  });

  test('is empty for errors without a code and for anything that is not an Error', () => {
    expect(errorCode(new Error('x'))).toBe('');
    expect(errorCode(Object.assign(new Error('x'), { code: undefined }))).toBe('');
    expect(errorCode(Object.assign(new Error('x'), { code: null }))).toBe('');
    expect(errorCode({ code: 'EEXIST' })).toBe('');
    expect(errorCode('EEXIST')).toBe('');
    expect(errorCode(undefined)).toBe('');
  });
});
