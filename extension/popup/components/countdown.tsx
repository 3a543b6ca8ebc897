import type { TotpSettings } from '../../otp';
import { timeRemaining } from '../../otp';
import { useClockValue } from '../hooks/use-clock';
import { t } from '../t';

/**
 * A ring that empties over the period (a CSS conic gradient: no SVG, which is costly to create
 * for 1,000 rows), with the seconds left as text. The only part of a row that ticks.
 */
export function Countdown({ account }: { account: TotpSettings }) {
  const left = useClockValue((now) => Math.ceil(timeRemaining(account, now) / 1000));
  return (
    <span class={left <= 5 ? 'countdown urgent' : 'countdown'} style={{ '--p': left / account.period }}>
      <span aria-hidden="true">{left}</span>
      <span class="sr-only">{t('secondsLeft', left)}</span>
    </span>
  );
}
