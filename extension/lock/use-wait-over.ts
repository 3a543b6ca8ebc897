import { useEffect } from 'preact/hooks';
import type { RefusalText } from './passphrase-refusal-text';

/**
 * Once the wait a shown refusal names is over, replaces its text with what it says then
 * (passphraseRefusalText's `afterWait`): "Wacht nog 4 seconden…" does not stay on screen after
 * the wait, when the user may try again. Whatever else the status holds stays; `waited` tells the
 * page's focus effects that nothing new was refused.
 */
export function useWaitOver<S extends Pick<RefusalText, 'text' | 'waitMs' | 'afterWait' | 'waited'>>(
  status: S | null,
  setStatus: (next: S) => void,
): void {
  useEffect(() => {
    if (status?.waitMs === undefined || status.afterWait === undefined) return;
    const over = { ...status, text: status.afterWait, waitMs: undefined, afterWait: undefined, waited: true };
    const timer = setTimeout(() => setStatus(over), status.waitMs);
    return () => clearTimeout(timer);
  }, [status]);
}
