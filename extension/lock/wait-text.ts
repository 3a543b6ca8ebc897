import { t } from '../popup/t';

/**
 * A throttle's wait in words, as people say it: "1 seconde", "20 seconden", "5 minuten" (a bare
 * "300 s" was read by few). Under a minute in whole seconds rounded up, at least one; from a
 * minute on in whole minutes rounded up, so the wait is never shorter than said.
 */
export function waitText(waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  if (seconds < 60) return seconds === 1 ? t('waitSecond') : t('waitSeconds', seconds);
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? t('waitMinute') : t('waitMinutes', minutes);
}
