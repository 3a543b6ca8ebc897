/**
 * Whether `address` (as written in the page) may bring another origin's pixels: anything but none,
 * `data:` and a `blob:` the page made; a relative address too. An address on the page's own origin
 * may still redirect to another site; where the pixels cannot be drawn to be checked (a poster, an
 * image button, an SVG feImage), only these pass.
 */
export function foreignAddress(address: string): boolean {
  // No address: nothing shown.
  if (address === '' || address.startsWith('data:')) return false;
  try {
    return !(address.startsWith('blob:') && new URL(address).origin === location.origin);
  } catch {
    return true;
  }
}

/** Whether `address` (as written in the page) is on the page's own origin. */
export function onPageOrigin(address: string): boolean {
  try {
    return new URL(address, document.baseURI).origin === location.origin;
  } catch {
    return false;
  }
}
