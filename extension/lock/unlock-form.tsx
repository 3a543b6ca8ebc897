import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../popup/t';
import type { UnlockResult } from './unlock-with-passphrase';
import { waitText } from './wait-text';

export interface UnlockFormProps {
  /** Tries the passphrase (with the throttle); see unlockWithPassphrase. */
  readonly unlock: (passphrase: string) => Promise<UnlockResult>;
  /** tooShort: the passphrase is shorter than the organisation's minimum now (see UnlockResult). */
  readonly onUnlocked: (outcome: { readonly tooShort: boolean }) => void;
  /** Why unlocking is asked for now (a scan waits for it), or what it opens; shown above the field. */
  readonly reason?: string | undefined;
}

/** A refusal: wrong or not yet checked (`wait`), the wait it named, and whether that wait is over. */
interface Refusal {
  readonly status: 'wrong' | 'wait';
  readonly waitMs: number;
  readonly over: boolean;
}

/**
 * Why the passphrase was not accepted: wrong (mind the capitals), and how long until the next
 * try. The sentence stays as it is during the wait (it is an alert: a screen reader would read
 * a ticking one again every second) and changes once when the wait is over.
 */
function refusalText({ status, waitMs, over }: Refusal): string | null {
  if (status === 'wait') return over ? null : t('unlockWait', waitText(waitMs));
  return over ? t('unlockWrong') : t('unlockWrongWait', waitText(waitMs));
}

/**
 * The locked vault's only form (SECURITY #34): nothing of the vault is read or shown until it
 * succeeds. The passphrase is kept only while it is typed.
 */
export function UnlockForm({ unlock, onUnlocked, reason }: UnlockFormProps) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [failed, setFailed] = useState(false);
  // When the wait is over, the message says so (and a plain wait's message goes).
  useEffect(() => {
    if (refusal === null || refusal.over) return;
    const timer = setTimeout(() => setRefusal({ ...refusal, over: true }), refusal.waitMs);
    return () => clearTimeout(timer);
  }, [refusal]);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  // For the lock benchmark (bench/lock-bench.ts): when the form is in the DOM.
  useLayoutEffect(() => void performance.mark('unlock-form'), []);

  const refused = refusal === null ? null : refusalText(refusal);
  const message = failed
    ? { status: 'failed', text: t('unlockFailed') }
    : refusal !== null && refused !== null
      ? { status: refusal.status, text: refused }
      : null;

  async function submit() {
    performance.mark('unlock-submit');
    setBusy(true);
    setRefusal(null);
    setFailed(false);
    try {
      const result = await unlock(passphrase);
      if (result.status === 'unlocked') {
        setPassphrase('');
        onUnlocked({ tooShort: result.tooShort === true });
        return;
      }
      setRefusal({ status: result.status, waitMs: result.waitMs, over: result.waitMs <= 0 });
      if (result.status === 'wrong') setPassphrase('');
    } catch {
      setFailed(true);
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
          // Read-only, not disabled, while it is checked: a disabled field loses the focus, and
          // after a refusal the next try must be typed straight away.
          readOnly={busy}
          aria-invalid={refusal?.status === 'wrong' ? 'true' : undefined}
          aria-describedby={message !== null ? 'unlock-message' : undefined}
          onInput={(event) => setPassphrase(event.currentTarget.value)}
        />
      </div>
      <button type="submit" class="button" data-testid="unlock-submit" disabled={busy || passphrase === ''}>
        {busy ? t('unlockBusy') : t('unlockButton')}
      </button>
      {message !== null && (
        <p
          id="unlock-message"
          class="notice error"
          // Its end is no news: said again as an alert, it sounded like another wrong try (found by
          // an accessibility review). The text changes on screen only.
          role={!failed && refusal !== null && refusal.over && refusal.waitMs > 0 ? undefined : 'alert'}
          data-testid="unlock-message"
          data-status={message.status}
        >
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
