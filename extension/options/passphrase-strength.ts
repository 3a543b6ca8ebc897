import { guessablePassphrase } from './guessable-passphrase';

/** guessable: long enough, but among the first guesses (guessable-passphrase.ts); a hint, not refused. */
export type Strength = 'weak' | 'guessable' | 'fair' | 'strong';

/** At least this long, or the backup form refuses the passphrase. */
export const MIN_PASSPHRASE_LENGTH = 10;

/**
 * A hint, not a gate beyond the minimum length: length dominates (NIST 800-63B §5.1.1.2 favours
 * long passphrases over composition rules), mixed character kinds help a little, and a common word
 * with digits or a keyboard run is called guessable whatever its length (NIST's check against
 * commonly used values; a hint here, so a passphrase the organisation set stays possible). Hand-written
 * because zxcvbn, the well-kept estimator, weighs ~400 kB with its dictionaries; the backup is
 * protected by argon2id whatever the hint says.
 */
export function passphraseStrength(passphrase: string, minLength = MIN_PASSPHRASE_LENGTH): Strength {
  const length = [...passphrase].length;
  if (length < minLength) return 'weak';
  if (guessablePassphrase(passphrase)) return 'guessable';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((kind) => kind.test(passphrase)).length;
  return length >= 20 || (length >= 14 && kinds >= 3) ? 'strong' : 'fair';
}
