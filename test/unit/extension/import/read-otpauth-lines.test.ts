import { describe, expect, test } from 'vitest';
import { migrationBatches } from '../../../../extension/backup';
import { MAX_NAME_LENGTH } from '../../../../extension/otp/max-name-length';
import { Algorithm, migrationUri, OtpType } from '../../../support/migration-uri';
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
  test('Ente Auth style list: blank lines and headings passed over; unreadable lines named as other entries are', async () => {
    const [first] = ACCOUNTS;
    if (first === undefined) throw new Error('fixtures');
    const text = [
      '# export',
      '',
      `otpauth://totp/Gemeente%20Voorbeeld:balie%40praktijk.nl?secret=${base32(first.secret)}&issuer=Gemeente%20Voorbeeld`,
      'otpauth://totp/Kapot:iemand?secret=1234',
      'otpauth://totp/Oud:md5?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=MD5',
      'otpauth://totp/Steam:gamer?secret=KRSXG5CTMVRXEZLV&issuer=Steam%20Games&encoder=steam',
      'otpauth://totp/alleen%20account?secret=1234',
    ].join('\n');
    const result = await readPlain(text);
    expect(result.format).toBe('otpauth');
    expectSameAccounts(result.accounts, [first]);
    expect(result.rejected).toEqual([
      { name: 'Kapot (iemand)', reason: 'bad-secret' },
      { name: 'Oud (md5)', reason: 'unsupported-algorithm' },
      // Steam's five-character codes are not a 6-digit TOTP; named by its issuer parameter.
      { name: 'Steam Games (gamer)', reason: 'unsupported-type' },
      { name: 'alleen account', reason: 'bad-secret' },
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

  test('a Google export entry with a name over 200 characters is not imported but named in the report, shortened, as too long', async () => {
    const [first] = ACCOUNTS;
    if (first === undefined) throw new Error('fixtures');
    const long = 'Zorgportaal '.repeat(20).slice(0, MAX_NAME_LENGTH + 1);
    const totp = { algorithm: Algorithm.SHA1, type: OtpType.TOTP } as const;
    const uri = migrationUri([
      { ...totp, secret: first.secret, name: 'balie@praktijk.nl', issuer: 'Gemeente Voorbeeld' },
      { ...totp, secret: first.secret, name: 'piet', issuer: long },
      { ...totp, secret: first.secret, name: `Bank:${'b'.repeat(5000)}` },
      { secret: first.secret, name: 'Oud:md5', algorithm: Algorithm.MD5, type: OtpType.TOTP },
    ]);
    const result = await readPlain(uri);
    expect(result.format).toBe('google-migration');
    expect(result.accounts.map((a) => [a.issuer, a.label])).toEqual([
      ['Gemeente Voorbeeld', 'balie@praktijk.nl'],
    ]);
    expect(result.rejected).toEqual([
      { name: `${`${long.trim()} (piet)`.slice(0, MAX_NAME_LENGTH - 1)}…`, reason: 'name-too-long' },
      { name: `Bank (${'b'.repeat(MAX_NAME_LENGTH - 7)}…`, reason: 'name-too-long' },
      { name: 'Oud (md5)', reason: 'unsupported-parameter' },
    ]);
    for (const { name } of result.rejected) expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
  });

  test('an undecodable migration line is a damaged import', async () => {
    expect(await errorCode(readPlain('otpauth-migration://offline?data=AAAA%%%'))).toBe('damaged');
  });
});
