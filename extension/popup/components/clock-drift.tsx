import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Drift } from '../../drift/check-drift';
import { type ClockCorrection, sitelessCorrectionAllowed, withCorrection } from '../../drift/clock-offset';
import { driftText } from '../../drift/drift-text';
import { originHost } from '../../otp';
import { isolateText } from '../isolate-text';
import { t } from '../t';

export interface ClockDriftProps {
  /** The site's clock minus the clock of its codes (corrected or not), when off by more than 10 s. */
  readonly drift: Drift | undefined;
  /** The origin whose clock was read (clock-check-site.ts). */
  readonly site: string | undefined;
  /**
   * No account is of that site (no account has a website yet): a correction moves the codes of
   * the accounts without a website instead (clock-offset.ts).
   */
  readonly siteless: boolean;
  /** The corrections in force (NO_CORRECTION: none). */
  readonly correction: ClockCorrection;
  /** Called with the corrections to store and apply: one made or undone. */
  readonly onCorrect: (correction: ClockCorrection) => void;
}

/**
 * The clock warning: how far off, how to fix it, and an offer to correct the codes of that site's
 * accounts (stored, shown while in force, undoable, each correction on its own). Nothing is
 * corrected without the click.
 */
export function ClockDrift({ drift, site, siteless, correction, onCorrect }: ClockDriftProps) {
  // The site's clock as measured, in whole seconds: the Date header has no finer resolution, and
  // the codes' clock then ticks with the computer's (offset-clock.ts).
  const offsetMs = drift === undefined ? 0 : Math.round(drift.measuredMs / 1000) * 1000;
  // Any page may be asked while no account has a website: it moves those codes only a little.
  const offered = site !== undefined && (!siteless || sitelessCorrectionAllowed(site, offsetMs));
  // The difference the warning names: the one left over a correction in force, but when the
  // correction is refused ("alleen bij een klein verschil") the measured one it is about.
  const shownMs =
    drift === undefined ? 0 : site !== undefined && !offered ? drift.measuredMs : drift.offsetMs;
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
          <p>{t(shownMs > 0 ? 'driftBehind' : 'driftAhead', driftText(shownMs), isolateText(drift.host))}</p>
          <p>{t('driftFixWindows')}</p>
          <p>{t('driftFixMac')}</p>
          <p>{t('driftFixHelp')}</p>
          {site !== undefined && !offered && (
            <p data-testid="clock-correct-refused">{t('driftSitelessRefused')}</p>
          )}
          {site !== undefined && offered && (
            <button
              type="button"
              class="button small"
              data-testid="clock-correct"
              onClick={() => {
                corrected.current = true;
                // Only this site's accounts follow it, or while none has a website, those without one.
                onCorrect(
                  withCorrection(correction, siteless ? { offsetMs, site, siteless } : { offsetMs, site }),
                );
              }}
            >
              {t(siteless ? 'driftCorrectSiteless' : 'driftCorrect')}
            </button>
          )}
        </div>
      )}
      {correction.map((made, i) => (
        <p class="notice" data-testid="clock-correction" key={`${made.site} ${made.siteless === true}`}>
          {t(
            made.siteless === true ? 'driftCorrectedSiteless' : 'driftCorrected',
            driftText(made.offsetMs),
            isolateText(originHost(made.site)),
          )}{' '}
          <button
            // The latest, first: the one a click just made, whose undo takes the focus.
            ref={i === 0 ? undo : undefined}
            type="button"
            class="button small secondary"
            data-testid="clock-undo"
            onClick={() => onCorrect(correction.filter((c) => c !== made))}
          >
            {t('driftUndo')}
          </button>
        </p>
      ))}
    </>
  );
}
