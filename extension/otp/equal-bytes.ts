/** Whether two byte strings are equal (not constant-time: nothing here is compared against a guess). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
