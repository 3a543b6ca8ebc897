import { describe, expect, it } from 'vitest';
import {
  type AccountDraft,
  currentCode,
  OtpInputError,
  type OtpInputErrorCode,
  parseOtpauthUri,
} from '../../../../extension/otp';
import { MAX_OTPAUTH_URI_LENGTH } from '../../../../extension/otp/parse-otpauth-uri';

// "JBSWY3DPEHPK3PXP" is the Key URI Format's example secret: 10 bytes, "Hello!\xde\xad\xbe\xef".
const HELLO = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];
// 20 bytes 0x00..0x13 in base32.
const TWENTY = 'AAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQT';
const TWENTY_BYTES = Array.from({ length: 20 }, (_, i) => i);

type Expected = Partial<Omit<AccountDraft, 'secret'>> & {
  secret?: number[];
  period?: number;
  counter?: number;
};

const VALID: [uri: string, expected: Expected][] = [
  [
    'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
    {
      type: 'totp',
      issuer: 'Example',
      label: 'alice@google.com',
      secret: HELLO,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    },
  ],
  [
    'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    { issuer: 'ACME Co', label: 'john.doe@email.com', digits: 6, period: 30 },
  ],
  // Lenient forms seen in the wild.
  ['OTPAUTH://TOTP/x?SECRET=jbswy3dpehpk3pxp', { type: 'totp', label: 'x', secret: HELLO, issuer: '' }],
  ['otpauth://totp/x?secret=JBSW Y3DP EHPK 3PXP', { secret: HELLO }],
  ['otpauth://totp/x?secret=JBSW%20Y3DP%20EHPK%203PXP', { secret: HELLO }],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP%3D%3D%3D%3D', { secret: HELLO }],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP====', { secret: HELLO }],
  [`otpauth://totp/x?secret=${TWENTY}`, { secret: TWENTY_BYTES }],
  [
    'otpauth://totp/Big+Corp:jan+de+vries?secret=JBSWY3DPEHPK3PXP',
    { issuer: 'Big Corp', label: 'jan de vries' },
  ],
  ['otpauth://totp/Big%20Corp%3A%20jan?secret=JBSWY3DPEHPK3PXP', { issuer: 'Big Corp', label: 'jan' }],
  [
    'otpauth://totp/Label%20Prefix:bob?secret=JBSWY3DPEHPK3PXP&issuer=Param+Issuer',
    { issuer: 'Param Issuer', label: 'bob' },
  ],
  [
    'otpauth://totp/bob?secret=JBSWY3DPEHPK3PXP&issuer=Gemeente%20Voorbeeld',
    { issuer: 'Gemeente Voorbeeld', label: 'bob' },
  ],
  ['otpauth://totp/?secret=JBSWY3DPEHPK3PXP&issuer=NoLabel', { issuer: 'NoLabel', label: '' }],
  [
    'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=sha256&digits=8&period=60',
    { algorithm: 'SHA256', digits: 8, period: 60 },
  ],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=SHA-512&digits=7', { algorithm: 'SHA512', digits: 7 }],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&Digits=8&secret=ignored', { digits: 8, secret: HELLO }],
  ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=0', { type: 'hotp', counter: 0 }],
  [
    'otpauth://HOTP/x?secret=JBSWY3DPEHPK3PXP&counter=9007199254740991',
    { type: 'hotp', counter: 2 ** 53 - 1 },
  ],
  ['  otpauth://totp/x?secret=JBSWY3DPEHPK3PXP#fragment  ', { label: 'x', secret: HELLO }],
];

describe('parseOtpauthUri: valid input', () => {
  it.each(VALID.map(([uri, expected], index) => ({ index, uri, expected })))(
    '[$index] $uri',
    ({ uri, expected }) => {
      const { secret, ...rest } = parseOtpauthUri(uri);
      const { secret: expectedSecret, ...expectedRest } = expected;
      expect(rest).toMatchObject(expectedRest);
      if (expectedSecret !== undefined) expect(Array.from(secret)).toEqual(expectedSecret);
    },
  );

  it('gives a draft whose code matches the same secret entered differently', () => {
    const a = parseOtpauthUri('otpauth://totp/x?secret=jbsw y3dp ehpk 3pxp');
    const b = parseOtpauthUri('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP');
    expect(currentCode(a, 1_700_000_000_000)).toBe(currentCode(b, 1_700_000_000_000));
  });

  it('does not default the name: the user names the account later', () => {
    expect(parseOtpauthUri('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP').name).toBe('');
  });
});

const INVALID: [uri: string, code: OtpInputErrorCode][] = [
  ['https://example.com/?secret=JBSWY3DPEHPK3PXP', 'not-otpauth'],
  ['otpauth-migration://offline?data=abc', 'not-otpauth'],
  ['', 'not-otpauth'],
  ['otpauth:totp/x?secret=JBSWY3DPEHPK3PXP', 'bad-uri'],
  ['otpauth://totp/%E0%A4%A?secret=JBSWY3DPEHPK3PXP', 'bad-uri'],
  ['otpauth://motp/x?secret=JBSWY3DPEHPK3PXP', 'unknown-type'],
  ['otpauth:///x?secret=JBSWY3DPEHPK3PXP', 'unknown-type'],
  // Steam's five-character codes, as KeePassXC and Aegis write them: not a 6-digit TOTP.
  ['otpauth://totp/Steam:x?secret=KRSXG5CTMVRXEZLV&issuer=Steam&encoder=steam', 'unknown-type'],
  ['otpauth://totp/Steam:x?secret=KRSXG5CTMVRXEZLV&ENCODER=Steam', 'unknown-type'],
  ['otpauth://totp/x', 'missing-secret'],
  ['otpauth://totp/x?issuer=A', 'missing-secret'],
  ['otpauth://totp/x?secret=', 'missing-secret'],
  ['otpauth://totp/x?secret=%20%20', 'missing-secret'],
  ['otpauth://totp/x?secret====', 'missing-secret'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PX1', 'bad-base32'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PX8', 'bad-base32'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP0', 'bad-base32'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXPA', 'bad-base32'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXPAAA', 'bad-base32'],
  ['otpauth://totp/x?secret=JBSW=Y3DPEHPK3PXP', 'bad-base32'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PX', 'short-secret'],
  ['otpauth://totp/x?secret=JBSWY3DP', 'short-secret'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'unknown-algorithm'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=', 'unknown-algorithm'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=5', 'bad-digits'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=9', 'bad-digits'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=six', 'bad-digits'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=6.0', 'bad-digits'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0', 'bad-period'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=-30', 'bad-period'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=30s', 'bad-period'],
  ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=1e3', 'bad-period'],
  ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP', 'missing-counter'],
  ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=', 'missing-counter'],
  ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=-1', 'bad-counter'],
  ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1.5', 'bad-counter'],
  ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=9007199254740992', 'bad-counter'],
];

describe('parseOtpauthUri: invalid input', () => {
  it.each(INVALID.map(([uri, code], index) => ({ index, uri, code })))(
    '[$index] $code: $uri',
    ({ uri, code }) => {
      let thrown: unknown;
      try {
        parseOtpauthUri(uri);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(OtpInputError);
      expect((thrown as OtpInputError).code).toBe(code);
    },
  );

  it('never puts the secret in the error message (SECURITY #26)', () => {
    const uri = 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=5';
    expect(() => parseOtpauthUri(uri)).toThrow(OtpInputError);
    try {
      parseOtpauthUri(uri);
    } catch (error) {
      expect(String(error)).not.toContain('JBSWY3DPEHPK3PXP');
    }
  });
});

/**
 * A URI that does not match is refused at once, however long: the old pattern
 * (`([^/?#]*)\/?([^?#]*)`, an optional `/` between overlapping classes) took time quadratic in
 * its length (5 s for 40,000 characters, a minute for 160,000). The outcome is asserted, not
 * the time; the test's own timeout (5 s) fails the old code.
 */
describe('parseOtpauthUri: long and crafted input', () => {
  const codeOf = (uri: string) => {
    try {
      parseOtpauthUri(uri);
    } catch (error) {
      expect(error).toBeInstanceOf(OtpInputError);
      return (error as OtpInputError).code;
    }
    return undefined;
  };

  it('a long type or label that cannot match (a line separator in the fragment) is a bad URI, at once', () => {
    expect(codeOf(`otpauth://totp${'a'.repeat(160_000)}#\u2028x`)).toBe('bad-uri');
    expect(codeOf(`otpauth://totp/${'a'.repeat(160_000)}#\u2028x`)).toBe('bad-uri');
    expect(codeOf(`https://${'a'.repeat(160_000)}`)).toBe('not-otpauth');
  }, 5_000);

  it(`a URI of ${MAX_OTPAUTH_URI_LENGTH} characters is read; one more is a bad URI`, () => {
    const uri = (length: number) => {
      const start = 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&note=';
      return start + 'n'.repeat(length - start.length);
    };
    expect(parseOtpauthUri(uri(MAX_OTPAUTH_URI_LENGTH)).label).toBe('x');
    expect(codeOf(uri(MAX_OTPAUTH_URI_LENGTH + 1))).toBe('bad-uri');
    // Surrounding white space is not counted.
    expect(parseOtpauthUri(`  ${uri(MAX_OTPAUTH_URI_LENGTH)}\n`).label).toBe('x');
    // Under the limit, a URI that cannot match is still a bad URI.
    expect(codeOf(`otpauth://totp${'a'.repeat(MAX_OTPAUTH_URI_LENGTH - 20)}#\u2028x`)).toBe('bad-uri');
  });

  it.each([
    ['otpauth://totp', {}, 'missing-secret'],
    ['otpauth://totp?secret=JBSWY3DPEHPK3PXP', { type: 'totp', label: '' }, undefined],
    ['otpauth://totp#x?secret=JBSWY3DPEHPK3PXP', {}, 'missing-secret'],
    ['otpauth://totp//a/b?secret=JBSWY3DPEHPK3PXP', { label: '/a/b' }, undefined],
    ['otpauth://totp/a#b/c?secret=JBSWY3DPEHPK3PXP', {}, 'missing-secret'],
    ['otpauth://totp/?secret=JBSWY3DPEHPK3PXP#', { label: '' }, undefined],
  ] as const)('parts are split as before: %s', (uri, expected, code) => {
    expect(codeOf(uri)).toBe(code);
    if (code === undefined) expect(parseOtpauthUri(uri)).toMatchObject(expected);
  });
});
