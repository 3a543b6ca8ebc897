import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { UnlockFormProps } from '../../lock/unlock-form';
import type { UnlockResult } from '../../lock/unlock-with-passphrase';
import { t } from '../t';
import { WorkstationName } from './workstation-name';

export interface LockedViewProps {
  readonly workstationName: string;
  readonly reason?: string | undefined;
  readonly unlock: (passphrase: string) => Promise<UnlockResult>;
  readonly onUnlocked: UnlockFormProps['onUnlocked'];
}

/**
 * The locked popup (SECURITY #34): the title, the workstation name and the unlock form, nothing
 * else. The form and the unlock code (argon2id, WASM) are loaded only now: an unlocked popup's
 * first bundle carries none of it.
 */
export function LockedView({ workstationName, reason, unlock, onUnlocked }: LockedViewProps) {
  const [Form, setForm] = useState<ComponentType<UnlockFormProps> | null>(null);
  useEffect(() => {
    void import('../../lock/unlock-form').then((module) => setForm(() => module.UnlockForm));
  }, []);
  return (
    <main class="popup locked">
      <header class="toolbar">
        <h1>{t('extName')}</h1>
      </header>
      <WorkstationName name={workstationName} />
      {Form !== null && <Form unlock={unlock} onUnlocked={onUnlocked} reason={reason} />}
    </main>
  );
}
