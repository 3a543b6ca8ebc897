import { useLayoutEffect, useRef } from 'preact/hooks';
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
          <button
            type="button"
            class="button small"
            data-testid="clock-correct"
            onClick={() => {
              corrected.current = true;
              onCorrect(correctionMs + drift.offsetMs);
            }}
          >
            {t('driftCorrect')}
          </button>
        </div>
      )}
      {correctionMs !== 0 && (
        <p class="notice" data-testid="clock-correction">
          {t('driftCorrected', Math.abs(driftSeconds(correctionMs)))}{' '}
          <button
            ref={undo}
            type="button"
            class="button small secondary"
            data-testid="clock-undo"
            onClick={onUndo}
          >
            {t('driftUndo')}
          </button>
        </p>
      )}
    </>
  );
}
