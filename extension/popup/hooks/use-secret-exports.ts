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
    const read = () =>
      secretExportsAllowed().then(
        (value) => controller.signal.aborted || setAllowed(value),
        () => undefined,
      );
    void read();
    watchSettings(read, controller.signal);
    return () => controller.abort();
  }, []);
  return allowed;
}
