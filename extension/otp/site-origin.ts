/** At most this many websites per account: a portal, its test and acceptance servers, a few more. */
export const MAX_ORIGINS = 20;

/**
 * The origin of an http(s) page (`https://portaal.example:8443`), or undefined for any other URL
 * (chrome://, file:, data:, an extension page): only web pages have a site to match.
 */
export function siteOrigin(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** An origin's host (`portaal.example:8443`), or the text as it is when it is no URL. */
export function originHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** An origin as people read it: its host, with the scheme too when it is not https. */
export function siteName(origin: string): string {
  return origin.startsWith('https://') ? originHost(origin) : origin;
}

/**
 * What the user typed as an account's website, as an origin: a bare host gets https://, a full URL
 * keeps only its origin ("https://portaal.example/login?x" → "https://portaal.example").
 * Undefined when it is no web address.
 */
export function originFromInput(input: string): string | undefined {
  const text = input.trim();
  if (text === '' || /\s/.test(text)) return undefined;
  const origin = siteOrigin(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  // "https://" + "localhost" is a host; "https://" + "x" with no dot is more likely a typo.
  if (origin === undefined) return undefined;
  const host = new URL(origin).hostname;
  return host.includes('.') || host === 'localhost' || host.startsWith('[') ? origin : undefined;
}

/** The account's websites, distinct, in the order given; throws RangeError for more than MAX_ORIGINS. */
export function distinctOrigins(origins: readonly string[]): string[] {
  const distinct = [...new Set(origins)];
  if (distinct.length > MAX_ORIGINS) throw new RangeError(`At most ${MAX_ORIGINS} websites per account`);
  return distinct;
}

/** True when the account belongs to the page's site (SECURITY #35: only then is no confirmation asked). */
export function belongsToSite(
  account: { readonly origins?: readonly string[] },
  origin: string | undefined,
): boolean {
  return origin !== undefined && (account.origins ?? []).includes(origin);
}
