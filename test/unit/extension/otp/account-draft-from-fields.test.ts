import { describe, expect, it } from 'vitest';
import {
  type AccountFields,
  accountDraftFromFields,
  OtpInputError,
  type OtpInputErrorCode,
} from '../../../../extension/otp';
import { MAX_NAME_LENGTH } from '../../../../extension/otp/max-name-length';

// The manual-entry form gives text fields; the same validation as the URI parser applies.
const SECRET = 'JBSW Y3DP EHPK 3PXP';

describe('accountDraftFromFields (manual entry)', () => {
  it('applies the Key URI Format defaults and trims names', () => {
    expect(
      accountDraftFromFields({ secret: SECRET, issuer: ' Portaal ', label: ' piet ', name: ' balie ' }),
    ).toEqual({
      type: 'totp',
      secret: new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      issuer: 'Portaal',
      label: 'piet',
      name: 'balie',
    });
  });

  it('reads every advanced field', () => {
    expect(
      accountDraftFromFields({
        secret: SECRET,
        type: 'HOTP',
        algorithm: 'sha512',
        digits: '8',
        counter: ' 42 ',
      }),
    ).toMatchObject({ type: 'hotp', algorithm: 'SHA512', digits: 8, counter: 42 });
  });

  const INVALID: [AccountFields, OtpInputErrorCode][] = [
    [{}, 'missing-secret'],
    [{ secret: '   ' }, 'missing-secret'],
    [{ secret: SECRET, type: 'steam' }, 'unknown-type'],
    [{ secret: 'JBSWY3DPEHPK3PX!' }, 'bad-base32'],
    [{ secret: 'JBSWY3DP' }, 'short-secret'],
    [{ secret: SECRET, algorithm: 'SHA3' }, 'unknown-algorithm'],
    [{ secret: SECRET, digits: '10' }, 'bad-digits'],
    [{ secret: SECRET, period: '0' }, 'bad-period'],
    // A hostile QR code's period: the code would never change.
    [{ secret: SECRET, period: '9007199254740991' }, 'bad-period'],
    [{ secret: SECRET, period: '86401' }, 'bad-period'],
    [{ secret: SECRET, type: 'hotp' }, 'missing-counter'],
    [{ secret: SECRET, type: 'hotp', counter: 'x' }, 'bad-counter'],
    [{ secret: SECRET, issuer: 'x'.repeat(MAX_NAME_LENGTH + 1) }, 'issuer-too-long'],
    [{ secret: SECRET, label: 'x'.repeat(MAX_NAME_LENGTH + 1) }, 'label-too-long'],
    [{ secret: SECRET, name: 'x'.repeat(MAX_NAME_LENGTH + 1) }, 'label-too-long'],
  ];

  it.each(INVALID.map(([fields, code], index) => ({ index, fields, code })))(
    '[$index] $code',
    ({ fields, code }) => {
      expect(() => accountDraftFromFields(fields)).toThrow(expect.objectContaining({ code }));
      expect(() => accountDraftFromFields(fields)).toThrow(OtpInputError);
    },
  );

  it(`keeps names of exactly ${MAX_NAME_LENGTH} characters, counted after trimming, whole`, () => {
    const long = 'Zorgportaal '.repeat(20).slice(0, MAX_NAME_LENGTH);
    const draft = accountDraftFromFields({ secret: SECRET, issuer: `  ${long}  `, label: long, name: long });
    expect([draft.issuer, draft.label, draft.name]).toEqual([long.trim(), long, long]);
  });
});
