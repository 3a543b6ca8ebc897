import { t } from './t';

/** A length of time in words, whole hours as hours: "8 uur", "1 uur", "90 minuten", "1 minuut". */
export function durationText(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? t('durationOneHour') : t('durationHours', minutes / 60);
  return minutes === 1 ? t('durationOneMinute') : t('durationMinutes', minutes);
}
