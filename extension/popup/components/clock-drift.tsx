import { useLayoutEffect, useRef } from 'preact/hooks';
import { type ClockCorrection, NO_CORRECTION } from '../../drift/clock-offset';
import { driftSeconds } from '../../drift/measure-drift';
import { originHost } from '../../otp';
import { isolateText } from '../isolate-text';
import { t } from '../t';

export interface ClockDriftProps {
  /** The site's clock minus the clock of its codes (corrected or not), when off by more than 10 s. */
  readonly drift: { readonly offsetMs: number; readonly host: string } | undefined;
  /**
   * The origin whose clock was read, when some account is of it; undefined: no account's codes
   * would follow a correction (no account has a site yet), so none is offered.
   */
  readonly site: string | undefined;
  /** The correction in force and its site (NO_CORRECTION: none). */
  readonly correction: ClockCorrection;
  /** Called with the correction to store and apply: the site's, or NO_CORRECTION (undone). */
  readonly onCorrect: (correction: ClockCorrection) => void;
}

/**
 * The clock warning: how far off, how to fix it, and an offer to correct the codes (stored, shown
 * while in force, undoable). Nothing is corrected without the click.
 */
export function ClockDrift({ drift, site, correction, onCorrect }: ClockDriftProps) {
  // "Codes aanpassen" removes the warning that holds the focused button: its undo takes the focus
  // (before the popup's fallback, the scan button, would: a child's effects run first).
  const undo = useRef<HTMLButtonElement>(null);
  const corrected = useRef(false);
  useLayoutEffect(() => {
    if (!corrected.current || undo.current === null) return;
    corrected.current = false;
    undo.current.focus();
  });
  return (
    <>
      {drift !== undefined && (
        <div class="notice row-gap" role="alert" data-testid="clock-drift">
          <p>
            {t(
              drift.offsetMs > 0 ? 'driftBehind' : 'driftAhead',
              Math.abs(driftSeconds(drift.offsetMs)),
              isolateText(drift.host),
            )}
          </p>
          <p>{t('driftFixWindows')}</p>
          <p>{t('driftFixMac')}</p>
          <p>{t('driftFixHelp')}</p>
          {site !== undefined && (
            <button
              type="button"
              class="button small"
              data-testid="clock-correct"
              onClick={() => {
                corrected.current = true;
                // Whole seconds: the Date header has no finer resolution, and the codes' clock then
                // ticks with the computer's (offset-clock.ts). Only this site's accounts follow it.
                const base = correction.site === site ? correction.offsetMs : 0;
                onCorrect({ offsetMs: Math.round((base + drift.offsetMs) / 1000) * 1000, site });
              }}
            >
              {t('driftCorrect')}
            </button>
          )}
        </div>
      )}
      {correction.offsetMs !== 0 && (
        <p class="notice" data-testid="clock-correction">
          {t(
            'driftCorrected',
            Math.abs(driftSeconds(correction.offsetMs)),
            isolateText(originHost(correction.site)),
          )}{' '}
          <button
            ref={undo}
            type="button"
            class="button small secondary"
            data-testid="clock-undo"
            onClick={() => onCorrect(NO_CORRECTION)}
          >
            {t('driftUndo')}
          </button>
        </p>
      )}
    </>
  );
}
