import { DRIFT_WARNING_MS, measureDrift } from './measure-drift';
import type { SiteDate } from './read-site-date';

/** What the popup warns about: the site's clock against the corrected clock, if off by more than 10 s. */
export function driftToShow(
  site: SiteDate | undefined,
  correctionMs: number,
): { readonly offsetMs: number; readonly host: string } | undefined {
  if (site === undefined) return undefined;
  const measured = measureDrift(site.date, site.sentAt, site.receivedAt);
  if (measured === undefined) return undefined;
  const residual = measured - correctionMs;
  return Math.abs(residual) > DRIFT_WARNING_MS ? { offsetMs: residual, host: site.host } : undefined;
}
