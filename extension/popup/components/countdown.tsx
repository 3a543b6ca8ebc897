import { t } from '../t';

/**
 * A ring that empties over the period (a CSS conic gradient: no SVG, which is costly to create
 * for 1,000 rows), with the seconds left as text. The only part of a row that ticks.
 */
export function Countdown({ left, period }: { left: number; period: number }) {
  return (
    <span class={left <= 5 ? 'countdown urgent' : 'countdown'} style={{ '--p': left / period }}>
      <span aria-hidden="true">{left}</span>
      <span class="sr-only">{left === 1 ? t('secondsLeftOne') : t('secondsLeft', left)}</span>
    </span>
  );
}
