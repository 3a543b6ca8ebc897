import { useContext } from 'preact/hooks';
import { type AccountSites, type TotpSettings, timeRemaining } from '../../otp';
import { displayCode } from '../code-cache';
import { ClockContext, useClockValue } from '../hooks/use-clock';
import { spelledCode } from '../spelled-code';
import { t } from '../t';
import { Countdown } from './countdown';

/** Below this many ms the upcoming code is shown too, so the user need not wait for it. */
const SHOW_NEXT_BELOW = 5000;

/**
 * The current TOTP code, computed once per time step (not every second; see displayCode), the next code when
 * fewer than 5 s remain, and the countdown. One clock subscription per row: with 1,000 rows,
 * every hook counts when the popup opens.
 */
export function TotpCode({ account }: { account: TotpSettings & AccountSites }) {
  // The clock ticks once a second; the countdown changes on every tick anyway.
  const clock = useContext(ClockContext);
  const now = useClockValue((time) => time) + (clock.shift?.(account) ?? 0);
  const remaining = timeRemaining(account, now);
  const soon = remaining < SHOW_NEXT_BELOW;
  const code = displayCode(account, now);
  const next = soon ? displayCode(account, now, 1) : undefined;
  return (
    <span class="code-box">
      {/* elementtiming: the benchmark reads when the first code was painted (Element Timing API). */}
      {/* Read aloud digit by digit ("2 0 9 1 8 4"), not as two numbers ("two hundred nine …"):
          found by an accessibility review. */}
      <span class="code" data-testid="code" elementtiming="code" aria-hidden="true">
        {code}
      </span>
      <span class="sr-only">{spelledCode(code)}</span>
      {next !== undefined && (
        <>
          <span class="next-code" data-testid="next-code" aria-hidden="true">
            {t('nextCodeLabel')} <span class="next-code-digits">{next}</span>
          </span>
          <span class="sr-only">{`${t('nextCodeLabel')} ${spelledCode(next)}`}</span>
        </>
      )}
      <Countdown left={Math.ceil(remaining / 1000)} period={account.period} />
    </span>
  );
}
