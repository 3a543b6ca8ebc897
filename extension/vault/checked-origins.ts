import { distinctOrigins, MAX_ORIGINS, siteOrigin } from '../otp/site-origin';
import { VaultError } from './vault-errors';

/**
 * Websites as the vault stores them: http(s) origins only, each once, at most MAX_ORIGINS. Checked
 * before anything is written, on every path that stores them (add, import, update): the reader
 * refuses anything else as a format error, so one bad entry would make the whole list unreadable.
 */
export function checkedOrigins(origins: readonly string[]): string[] {
  if (origins.some((origin) => typeof origin !== 'string' || siteOrigin(origin) !== origin)) {
    throw new VaultError('A website must be an http(s) origin, such as https://portaal.example');
  }
  try {
    return distinctOrigins(origins);
  } catch (cause) {
    throw new VaultError(`At most ${MAX_ORIGINS} websites per account`, { cause });
  }
}
