/**
 * The key of #manual-key on the enrollment's step 2 as the page shows it: groups of four (each an
 * element of its own) with a space between them.
 */
export function shownManualKey(html: string): string {
  const key = /id="manual-key"[^>]*>(.*?)<\/code>/.exec(html)?.[1]?.replace(/<[^>]*>/g, '');
  if (!key) throw new Error('no #manual-key on the page');
  return key;
}

/** The base32 key of #manual-key without spaces: as a person would type it. */
export function manualKeyOf(html: string): string {
  return shownManualKey(html).replace(/\s+/g, '');
}
