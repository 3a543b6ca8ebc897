import { describe, expect, test } from 'vitest';
import { migrationBatches } from '../../../../extension/backup';
import {
  ACCOUNTS,
  base32,
  errorCode,
  expectSameAccounts,
  fixtureDraft,
  manyDrafts,
  readPlain,
} from './import-fixtures';

const drafts = ACCOUNTS.map((a) => fixtureDraft(a));
const google = ACCOUNTS.filter((a) => a.period === 30);

describe('otpauth:// lists and Google Authenticator exports', () => {
  test('Ente Auth style list: blank lines and headings passed over; unreadable lines named by their label', async () => {
    const [first] = ACCOUNTS;
    if (first === undefined) throw new Error('fixtures');
    const text = [
      '# export',
      '',
      `otpauth://totp/Gemeente%20Voorbeeld:balie%40praktijk.nl?secret=${base32(first.secret)}&issuer=Gemeente%20Voorbeeld`,
      'otpauth://totp/Kapot:iemand?secret=1234',
      'otpauth://totp/Oud:md5?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=MD5',
    ].join('\n');
    const result = await readPlain(text);
    expect(result.format).toBe('otpauth');
    expectSameAccounts(result.accounts, [first]);
    expect(result.rejected).toEqual([
      { name: 'Kapot:iemand', reason: 'bad-secret' },
      { name: 'Oud:md5', reason: 'unsupported-algorithm' },
    ]);
  });

  test('several migration batches, pasted: every account; nothing missing, no warning', async () => {
    const many = manyDrafts(25);
    const { uris } = migrationBatches(many);
    expect(uris.length).toBeGreaterThan(1);
    const result = await readPlain(uris.join('\n'));
    expect(result.format).toBe('google-migration');
    expect(result.accounts.map((a) => a.issuer)).toEqual(many.map((a) => a.issuer));
    expect(result.warnings).toEqual([]);
  });

  test('a missing batch is reported with how many of how many codes were given', async () => {
    const many = manyDrafts(25);
    const { uris } = migrationBatches(many);
    const result = await readPlain(uris.slice(1).join('\n'));
    expect(result.warnings).toEqual([
      { code: 'missing-batches', found: uris.length - 1, expected: uris.length },
    ]);
  });

  test('a migration export carries the parameters Google supports, checked by their codes', async () => {
    const { uris } = migrationBatches(drafts.filter((d) => d.type === 'hotp' || d.period === 30));
    expectSameAccounts((await readPlain(uris.join('\n'))).accounts, google);
  });

  test('an undecodable migration line is a damaged import', async () => {
    expect(await errorCode(readPlain('otpauth-migration://offline?data=AAAA%%%'))).toBe('damaged');
  });
});
