import { DRIFT_WARNING_MS, measureDrift } from './measure-drift';
import type { SiteDate } from './read-site-date';

/** The site's clock against the codes' clock (`offsetMs`), and against the computer's (`measuredMs`). */
export interface Drift {
  readonly offsetMs: number;
  readonly measuredMs: number;
  readonly host: string;
}

/** What the popup warns about: the site's clock against the corrected clock, if off by more than 10 s. */
export function driftToShow(site: SiteDate | undefined, correctionMs: number): Drift | undefined {
  if (site === undefined) return undefined;
  const measured = measureDrift(site.date, site.sentAt, site.receivedAt);
  if (measured === undefined) return undefined;
  const residual = measured - correctionMs;
  return Math.abs(residual) > DRIFT_WARNING_MS
    ? { offsetMs: residual, measuredMs: measured, host: site.host }
    : undefined;
}
