/**
 * A secret comes from the manual form, an otpauth URI or an import file: however long and
 * however crafted, it is decoded or refused at once. Before, stripping `=` padding with
 * `/=+$/` took time quadratic in a run of `=` that did not end the text (about 7 s for 80,000,
 * a minute for 200,000, with the extension's pages frozen meanwhile). The outcome is asserted,
 * not the time; the test's own timeout (5 s) fails the old code.
 */
import { describe, expect, it } from 'vitest';
import { accountDraftFromFields, decodeBase32Secret, OtpInputError } from '../../../../extension/otp';
import { MAX_SECRET_LENGTH } from '../../../../extension/otp/decode-base32-secret';

const REDOS_TIMEOUT_MS = 5_000;

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OtpInputError);
    return (error as OtpInputError).code;
  }
  return undefined;
}

describe('decodeBase32Secret: long and crafted input', () => {
  it(
    'a run of 200,000 "=" that does not end the secret is refused as too long, at once',
    () => {
      const crafted = `${'='.repeat(200_000)}A`;
      expect(codeOf(() => decodeBase32Secret(crafted))).toBe('long-secret');
      expect(codeOf(() => accountDraftFromFields({ secret: crafted }))).toBe('long-secret');
    },
    REDOS_TIMEOUT_MS,
  );

  it(`a secret of ${MAX_SECRET_LENGTH} characters is read; one more is refused as too long`, () => {
    // 1,024 base32 characters: 640 bytes.
    const longest = 'A'.repeat(MAX_SECRET_LENGTH);
    expect(decodeBase32Secret(longest)).toHaveLength(640);
    expect(codeOf(() => decodeBase32Secret(`${longest}A`))).toBe('long-secret');
    // Grouping spaces count: the limit is on what was given, not what is left.
    expect(codeOf(() => decodeBase32Secret(`${'ABCD '.repeat(205)}`))).toBe('long-secret');
  });

  it('padding is still stripped, however much there is; "=" inside the secret is still refused', () => {
    const hello = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];
    expect(Array.from(decodeBase32Secret('JBSWY3DPEHPK3PXP'))).toEqual(hello);
    expect(Array.from(decodeBase32Secret(`jbsw y3dp ehpk 3pxp${'='.repeat(900)}`))).toEqual(hello);
    expect(codeOf(() => decodeBase32Secret('JBSWY3DP=EHPK3PXP'))).toBe('bad-base32');
    expect(codeOf(() => decodeBase32Secret('===='))).toBe('missing-secret');
  });
});
