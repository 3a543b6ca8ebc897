import { useMemo } from 'preact/hooks';
import { currentCode, nextCode, type TotpSettings, timeRemaining } from '../../otp';
import { formatCode } from '../format-code';
import { useClockValue } from '../hooks/use-clock';
import { t } from '../t';
import { Countdown } from './countdown';

/** Below this many ms the upcoming code is shown too, so the user need not wait for it. */
const SHOW_NEXT_BELOW = 5000;

/**
 * The current TOTP code, computed once per time step (not every second), the next code when
 * fewer than 5 s remain, and the countdown.
 */
export function TotpCode({ account }: { account: TotpSettings }) {
  const step = useClockValue((now) => Math.floor(now / 1000 / account.period));
  const soon = useClockValue((now) => timeRemaining(account, now) < SHOW_NEXT_BELOW);
  const stepStart = step * account.period * 1000;
  const code = useMemo(() => formatCode(currentCode(account, stepStart)), [account, stepStart]);
  const next = useMemo(
    () => (soon ? formatCode(nextCode(account, stepStart)) : undefined),
    [account, stepStart, soon],
  );
  return (
    <span class="code-box">
      <span class="code" data-testid="code">
        {code}
      </span>
      {next !== undefined && (
        <span class="next-code" data-testid="next-code">
          {t('nextCodeLabel')} <span class="next-code-digits">{next}</span>
        </span>
      )}
      <Countdown account={account} />
    </span>
  );
}
