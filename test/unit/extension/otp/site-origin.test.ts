import { describe, expect, test } from 'vitest';
import {
  belongsToSite,
  distinctOrigins,
  originFromInput,
  originHost,
  siteName,
  siteOrigin,
} from '../../../../extension/otp';

describe('siteOrigin: only web pages have a site', () => {
  test.each([
    [0, 'https://portaal.example.nl/login/code?x=1#y', 'https://portaal.example.nl'],
    [1, 'http://127.0.0.1:8080/account', 'http://127.0.0.1:8080'],
    [2, 'HTTPS://Portaal.Example.NL:443/', 'https://portaal.example.nl'],
    [3, 'https://[::1]:8443/', 'https://[::1]:8443'],
  ])('case %i: %s → %s', (_i, url, origin) => {
    expect(siteOrigin(url)).toBe(origin);
  });

  test.each([
    [0, 'chrome://extensions'],
    [1, 'chrome-extension://djcnilgmkoedbllkbpakcocghfccdijj/popup.html'],
    [2, 'file:///home/balie/qr.png'],
    [3, 'data:text/html,hi'],
    [4, 'javascript:alert(1)'],
    [5, 'not a url'],
    [6, undefined],
  ])('case %i: %s has none', (_i, url) => {
    expect(siteOrigin(url)).toBeUndefined();
  });
});

describe('originFromInput: what a user types as the website', () => {
  test.each([
    [0, 'portaal.example.nl', 'https://portaal.example.nl'],
    [1, '  https://portaal.example.nl/login  ', 'https://portaal.example.nl'],
    [2, 'http://localhost:8080', 'http://localhost:8080'],
    [3, 'localhost:8080', 'https://localhost:8080'],
    [4, 'PORTAAL.example.nl:8443/x', 'https://portaal.example.nl:8443'],
  ])('case %i: %j → %s', (_i, input, origin) => {
    expect(originFromInput(input)).toBe(origin);
  });

  test.each([
    [0, ''],
    [1, 'portaal'],
    [2, 'ftp://portaal.example.nl'],
    [3, 'portaal example.nl'],
    [4, 'javascript:alert(1)'],
  ])('case %i: %j is no website', (_i, input) => {
    expect(originFromInput(input)).toBeUndefined();
  });
});

test('distinctOrigins keeps the order and drops repeats; more than 20 is refused', () => {
  expect(distinctOrigins(['https://a.nl', 'https://b.nl', 'https://a.nl'])).toEqual([
    'https://a.nl',
    'https://b.nl',
  ]);
  const many = Array.from({ length: 21 }, (_, i) => `https://s${i}.example`);
  expect(() => distinctOrigins(many)).toThrow(RangeError);
});

test('belongsToSite: exact origin only, never a lookalike, never without a page', () => {
  const account = { origins: ['https://portaal.example.nl'] };
  expect(belongsToSite(account, 'https://portaal.example.nl')).toBe(true);
  for (const other of [
    'http://portaal.example.nl',
    'https://portaal.example.nl.evil.example',
    'https://example.nl',
    undefined,
  ]) {
    expect(belongsToSite(account, other)).toBe(false);
  }
  expect(belongsToSite({}, 'https://portaal.example.nl')).toBe(false);
});

describe('originHost and siteName: an origin as people read it', () => {
  test('https shows the host alone; any other scheme is shown in full, so http:// stands out', () => {
    expect(siteName('https://portaal.example.nl')).toBe('portaal.example.nl');
    expect(siteName('https://portaal.example.nl:8443')).toBe('portaal.example.nl:8443');
    expect(siteName('http://portaal.example.nl')).toBe('http://portaal.example.nl');
    expect(originHost('http://portaal.example.nl')).toBe('portaal.example.nl');
  });

  test('text that is no URL is shown as it is, never an error', () => {
    expect(originHost('portaal')).toBe('portaal');
    expect(siteName('https://')).toBe('https://');
  });
});
