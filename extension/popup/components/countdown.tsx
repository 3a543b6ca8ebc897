import { t } from '../t';

/**
 * A ring that empties over the period (a CSS conic gradient: no SVG, which is costly to create
 * for 1,000 rows), with the seconds left as text. The only part of a row that ticks.
 *
 * For screen readers the time left is said in steps of ten seconds ("nog hooguit 20 seconden
 * geldig"): the text is part of the row button's name, and a name that changed every second
 * would be read out again and again while the row has the focus. The next code, shown in the
 * last 5 seconds, tells the rest.
 */
export function Countdown({ left, period }: { left: number; period: number }) {
  return (
    <span class={left <= 5 ? 'countdown urgent' : 'countdown'} style={{ '--p': left / period }}>
      <span aria-hidden="true">{left}</span>
      <span class="sr-only">{t('secondsLeft', Math.ceil(left / 10) * 10)}</span>
    </span>
  );
}
