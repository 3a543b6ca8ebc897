/**
 * A session's key (`Session.idHash`): its selector and the SHA-256 of its validator, joined by a
 * dot. The cookie holds `selector.validator` (auth/session-token.ts); the validator itself is never
 * stored. The selector names the row for the session's whole life; a rotation (SECURITY #14)
 * replaces only the validator, so the old cookie stops working at once while the row keeps its
 * place in the key's index: the update rewrites one page instead of moving an index entry
 * (and on PostgreSQL it can be a HOT update). Knowing a selector gives nothing without its
 * validator: every read and write of a session matches both.
 */
export interface SessionKey {
  readonly selector: string;
  readonly validatorHash: string;
}

/**
 * The two parts of a key. A key without both is a programming error (a cookie that is not one of
 * ours never becomes a key: auth/session-token.ts), so it throws instead of naming some row.
 */
export function splitSessionKey(key: string): SessionKey {
  const dot = key.indexOf('.');
  if (dot <= 0 || dot === key.length - 1) throw new Error('a session key is selector.validatorHash');
  return { selector: key.slice(0, dot), validatorHash: key.slice(dot + 1) };
}

export function joinSessionKey(selector: string, validatorHash: string): string {
  return `${selector}.${validatorHash}`;
}

/** The parts a rotation from `oldKey` to `nextKey` writes; both must name the same selector. */
export function rotationKeys(oldKey: string, nextKey: string) {
  const old = splitSessionKey(oldKey);
  const next = splitSessionKey(nextKey);
  if (old.selector !== next.selector) throw new Error('a session rotation keeps the selector');
  return {
    selector: old.selector,
    oldValidatorHash: old.validatorHash,
    nextValidatorHash: next.validatorHash,
  };
}

/**
 * The one session that "end the user's other sessions" keeps, as [selector, validatorHash]; nulls
 * when none is kept. Only the exact key: a session rotated meanwhile (same selector, new
 * validator) ends too.
 */
export function keptSessionParts(keep: string | null): [string | null, string | null] {
  if (keep === null) return [null, null];
  const { selector, validatorHash } = splitSessionKey(keep);
  return [selector, validatorHash];
}
