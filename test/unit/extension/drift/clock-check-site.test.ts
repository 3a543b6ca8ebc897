/**
 * Which page's clock may move the codes: the popup asks a site for its Date header only if this
 * names it. A site that is none of the accounts' (a phishing copy) must not be named.
 */
import { describe, expect, it } from 'vitest';
import { clockCheckSite } from '../../../../extension/drift/clock-check-site';

const PORTAL = 'https://portaal.example';
const PHISHING = 'https://portaal-inloggen.example';
const withSite = { origins: [PORTAL] };
const noSite = {};

describe('clockCheckSite', () => {
  it('names the page of an account’s site', () => {
    expect(clockCheckSite(PORTAL, new Set(['a']), [withSite, noSite], 0)).toBe(PORTAL);
  });

  it('names no other page while some account has a site', () => {
    expect(clockCheckSite(PHISHING, new Set(), [withSite, noSite], 0)).toBeUndefined();
  });

  it('names any web page while no account has a site (or there are none)', () => {
    expect(clockCheckSite(PHISHING, new Set(), [noSite, { origins: [] }], 0)).toBe(PHISHING);
    expect(clockCheckSite(PHISHING, new Set(), [], 0)).toBe(PHISHING);
  });

  it('names no other page while some record is unreadable: its sites are unknown', () => {
    expect(clockCheckSite(PHISHING, new Set(), [noSite], 1)).toBeUndefined();
  });

  it('names nothing without a web page', () => {
    expect(clockCheckSite(undefined, new Set(), [], 0)).toBeUndefined();
  });
});
