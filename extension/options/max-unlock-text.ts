import { t } from '../popup/t';

/** A maximum unlock time in words ("8 uur", "90 minuten"); whole hours as hours. Not for 0. */
export function maxUnlockText(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? t('maxUnlockOneHour') : t('maxUnlockHours', minutes / 60);
  return minutes === 1 ? t('maxUnlockOneMinute') : t('maxUnlockMinutes', minutes);
}
