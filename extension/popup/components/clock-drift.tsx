import { driftSeconds } from '../../drift/measure-drift';
import { isolateText } from '../isolate-text';
import { t } from '../t';

export interface ClockDriftProps {
  /** The site's clock minus the (corrected) clock, when it is off by more than 10 s. */
  readonly drift: { readonly offsetMs: number; readonly host: string } | undefined;
  /** The correction in force (0: none). */
  readonly correctionMs: number;
  readonly onCorrect: (offsetMs: number) => void;
  readonly onUndo: () => void;
}

/**
 * The clock warning: how far off, how to fix it, and an offer to correct the codes (stored, shown
 * while in force, undoable). Nothing is corrected without the click.
 */
export function ClockDrift({ drift, correctionMs, onCorrect, onUndo }: ClockDriftProps) {
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
          <button
            type="button"
            class="button small"
            data-testid="clock-correct"
            onClick={() => onCorrect(correctionMs + drift.offsetMs)}
          >
            {t('driftCorrect')}
          </button>
        </div>
      )}
      {correctionMs !== 0 && (
        <p class="notice" data-testid="clock-correction">
          {t('driftCorrected', Math.abs(driftSeconds(correctionMs)))}{' '}
          <button type="button" class="button small secondary" data-testid="clock-undo" onClick={onUndo}>
            {t('driftUndo')}
          </button>
        </p>
      )}
    </>
  );
}
