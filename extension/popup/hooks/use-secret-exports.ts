import { useEffect, useState } from 'preact/hooks';
import { secretExportsAllowed } from '../../settings/secret-exports';

/** Whether QR codes may be shown (the setting, later the workstation policy); false until read. */
export function useSecretExportsAllowed(): boolean {
  const [allowed, setAllowed] = useState(false);
  useEffect(() => {
    let live = true;
    secretExportsAllowed().then(
      (value) => live && setAllowed(value),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return allowed;
}
