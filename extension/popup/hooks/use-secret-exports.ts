import { useEffect, useState } from 'preact/hooks';
import { watchSettings } from '../../settings/read-settings';
import { secretExportsAllowed } from '../../settings/secret-exports';

/**
 * Whether QR codes may be shown (the setting, later the workstation policy); false until read,
 * and read again when a setting or the policy changes while the row's menu is open (the click
 * reads it once more: account-qr-url.ts).
 */
export function useSecretExportsAllowed(): boolean {
  const [allowed, setAllowed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    // Reads started by quick changes may end out of order: only the latest one's answer counts.
    let latest = 0;
    const read = () => {
      const mine = ++latest;
      return secretExportsAllowed().then(
        (value) => controller.signal.aborted || mine !== latest || setAllowed(value),
        () => undefined,
      );
    };
    void read();
    watchSettings(read, controller.signal);
    return () => controller.abort();
  }, []);
  return allowed;
}
