import { durationText } from '../popup/duration-text';
import { t } from '../popup/t';
import { driftSeconds } from './measure-drift';

/**
 * A clock difference in words, either sign, rounded as people say it: seconds under two minutes
 * ("90 seconden": a code window is 30 s), minutes under two hours ("5 minuten", "1 uur"), hours
 * from there ("20 uur": a wrong time zone or date), not "72000 seconden".
 */
export function driftText(offsetMs: number): string {
  const seconds = Math.abs(driftSeconds(offsetMs));
  if (seconds < 120) return seconds === 1 ? t('waitSecond') : t('waitSeconds', seconds);
  const minutes = Math.round(seconds / 60);
  return durationText(minutes < 120 ? minutes : Math.round(minutes / 60) * 60);
}
