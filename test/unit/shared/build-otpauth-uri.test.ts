import { HOTP, Secret } from 'otpauth';
import { describe, expect, test } from 'vitest';
import { buildOtpauthUri, toBase32 } from '../../../shared/build-otpauth-uri';

const secret = new Uint8Array(Array.from({ length: 20 }, (_, i) => (i * 37 + 11) & 0xff));

/** Splits an otpauth URI by hand (the Key URI Format), without the library that built it. */
function parts(uri: string) {
  const match = /^otpauth:\/\/totp\/([^?]*)\?(.*)$/.exec(uri);
  if (!match) throw new Error(`not a TOTP otpauth URI: ${uri}`);
  const [, label = '', query = ''] = match;
  const colon = label.indexOf(':');
  const params = new URLSearchParams(query);
  return {
    rawLabel: label,
    rawQuery: query,
    prefix: decodeURIComponent(label.slice(0, colon)),
    account: decodeURIComponent(label.slice(colon + 1)),
    params,
  };
}

describe('buildOtpauthUri: the Key URI Format', () => {
  test.each([
    [0, 'Demo Portaal', 'demo'],
    [1, 'Praktijk & Co', 'anna de vries'],
    [2, 'Zorg ë/?#', 'bram+1@praktijk.example'],
    [3, 'Portaal', 'a=b&c'],
  ])('case %i: issuer %j, account %j', (_i, issuer, account) => {
    const uri = buildOtpauthUri({ issuer, account, secret });
    const p = parts(uri);
    expect(p.prefix).toBe(issuer);
    expect(p.params.get('issuer')).toBe(issuer);
    expect(p.account).toBe(account);
    // Spaces are %20 everywhere (some apps show a literal '+'), and the label has one unencoded colon.
    expect(uri).not.toContain('+');
    expect(uri).not.toContain(' ');
    if (issuer.includes(' ')) expect(p.rawLabel).toContain('%20');
    expect(p.rawLabel.split(':')).toHaveLength(2);
    expect(p.params.get('algorithm')).toBe('SHA1');
    expect(p.params.get('digits')).toBe('6');
    expect(p.params.get('period')).toBe('30');
    const encoded = p.params.get('secret') ?? '';
    expect(encoded).toMatch(/^[A-Z2-7]{32}$/);
    expect(p.rawQuery).not.toContain('=&');
    expect(Secret.fromBase32(encoded).bytes).toEqual(secret);
  });

  test('a code from the URI’s secret equals one from the raw secret', () => {
    const encoded = parts(buildOtpauthUri({ issuer: 'Demo Portaal', account: 'demo', secret })).params.get(
      'secret',
    );
    const fromUri = HOTP.generate({ secret: Secret.fromBase32(encoded ?? ''), counter: 59_999_999 });
    const direct = HOTP.generate({
      secret: new Secret({ buffer: new Uint8Array(secret).buffer }),
      counter: 59_999_999,
    });
    expect(fromUri).toBe(direct);
  });

  test('a secret that is a view into a larger buffer encodes only its own bytes', () => {
    const backing = new Uint8Array(64).fill(0xaa);
    backing.set(secret, 7);
    const view = backing.subarray(7, 27);
    const uri = buildOtpauthUri({ issuer: 'Demo Portaal', account: 'demo', secret: view });
    expect(parts(uri).params.get('secret')).toBe(toBase32(secret));
    expect(toBase32(view)).toBe(toBase32(secret));
  });

  test.each([
    [0, 'Demo:Portaal', 'demo'],
    [1, 'Demo Portaal', 'de:mo'],
    [2, ':', 'demo'],
  ])('case %i: a colon in issuer %j or account %j throws', (_i, issuer, account) => {
    expect(() => buildOtpauthUri({ issuer, account, secret })).toThrow(TypeError);
  });
});

describe('toBase32: RFC 4648 §6 without padding', () => {
  const ascii = (s: string) => new TextEncoder().encode(s);
  test.each([
    [0, '', ''],
    [1, 'f', 'MY'],
    [2, 'fo', 'MZXQ'],
    [3, 'foo', 'MZXW6'],
    [4, 'foob', 'MZXW6YQ'],
    [5, 'fooba', 'MZXW6YTB'],
    [6, 'foobar', 'MZXW6YTBOI'],
    [7, '12345678901234567890', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
  ])('case %i: %j → %j', (_i, input, expected) => {
    expect(toBase32(ascii(input))).toBe(expected);
  });

  test('does not alter its input', () => {
    const copy = new Uint8Array(secret);
    toBase32(secret);
    expect(secret).toEqual(copy);
  });
});
