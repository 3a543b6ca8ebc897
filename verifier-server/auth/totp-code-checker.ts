import type { CodeChecker } from '../store/store';
import { isWellFormedCode, matchTotpStep } from './match-totp-step';
import { authenticatorAad, openSecret, SecretIntegrityError } from './secret-box';

/** People copy "123 456" as the extension shows it: spaces are not part of the code. */
export function normalizeCode(raw: string): string {
  return raw.replace(/\s+/g, '');
}

/**
 * The second step's code check, as the store runs it inside its transaction: a malformed code is
 * refused before any secret is opened or HMAC computed (SECURITY #9), a secret that fails
 * authentication (a damaged or swapped row, SECURITY #11) is 'unavailable', else `match` gives
 * the matching time step within ±1 (SECURITY #3), computed only when the store calls it (SQLite
 * after the claim; PostgreSQL just before the statement that claims, and the step counts only if
 * that claim is made: SECURITY #31). Pure apart from the key, so a store in another thread runs
 * the same.
 */
export function totpCodeChecker(secretsKey: Uint8Array): CodeChecker {
  return (authenticator, check) => {
    const code = normalizeCode(check.code);
    const { algorithm, digits, period } = authenticator;
    if (!isWellFormedCode(code, digits)) return { refuse: 'format' };
    let secret: Uint8Array;
    try {
      const aad = authenticatorAad(authenticator.id, authenticator.userId);
      secret = openSecret(secretsKey, authenticator.secretSealed, aad);
    } catch (err) {
      if (!(err instanceof SecretIntegrityError)) throw err;
      return { refuse: 'unavailable' };
    }
    return { match: () => matchTotpStep(secret, code, { algorithm, digits, period }, check.nowMs) };
  };
}
