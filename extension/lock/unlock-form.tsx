import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../popup/t';
import type { UnlockResult } from './unlock-with-passphrase';

export interface UnlockFormProps {
  /** Tries the passphrase (with the throttle); see unlockWithPassphrase. */
  readonly unlock: (passphrase: string) => Promise<UnlockResult>;
  readonly onUnlocked: () => void;
  /** Why unlocking is asked for now (a scan waits for it), or what it opens; shown above the field. */
  readonly reason?: string | undefined;
}

/** Why the passphrase was not accepted: wrong (mind the capitals), and how long until the next try. */
function refusal(wrong: boolean, waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  if (!wrong) return t('unlockWait', Math.max(1, seconds));
  return seconds > 0 ? t('unlockWrongWait', seconds) : t('unlockWrong');
}

/**
 * The locked vault's only form (SECURITY #34): nothing of the vault is read or shown until it
 * succeeds. The passphrase is kept only while it is typed.
 */
export function UnlockForm({ unlock, onUnlocked, reason }: UnlockFormProps) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ readonly status: string; readonly text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  // For the lock benchmark (bench/lock-bench.ts): when the form is in the DOM.
  useLayoutEffect(() => void performance.mark('unlock-form'), []);

  async function submit() {
    performance.mark('unlock-submit');
    setBusy(true);
    setMessage(null);
    try {
      const result = await unlock(passphrase);
      if (result.status === 'unlocked') {
        setPassphrase('');
        onUnlocked();
        return;
      }
      setMessage({ status: result.status, text: refusal(result.status === 'wrong', result.waitMs) });
      if (result.status === 'wrong') setPassphrase('');
    } catch {
      setMessage({ status: 'failed', text: t('unlockFailed') });
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  }

  return (
    <form
      class="unlock row-gap"
      data-testid="unlock"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy && passphrase !== '') void submit();
      }}
    >
      {/* elementtiming: the benchmark reads when the form was painted (Element Timing API). */}
      <p elementtiming="unlock-form">{reason ?? t('unlockIntro')}</p>
      <div class="field">
        <label for="unlock-passphrase">{t('unlockLabel')}</label>
        <input
          ref={input}
          id="unlock-passphrase"
          name="passphrase"
          type="password"
          autocomplete="current-password"
          value={passphrase}
          disabled={busy}
          onInput={(event) => setPassphrase(event.currentTarget.value)}
        />
      </div>
      <button type="submit" class="button" data-testid="unlock-submit" disabled={busy || passphrase === ''}>
        {busy ? t('unlockBusy') : t('unlockButton')}
      </button>
      {message !== null && (
        <p class="notice error" role="alert" data-testid="unlock-message" data-status={message.status}>
          {message.text}
        </p>
      )}
      {/* Nobody can recover it (no slot to reset): the people who can help are at the practice. */}
      <p class="field-hint" data-testid="unlock-forgotten">
        {t('unlockForgotten')}
      </p>
    </form>
  );
}
