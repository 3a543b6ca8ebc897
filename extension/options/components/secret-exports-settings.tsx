import { t } from '../../popup/t';
import type { EffectiveSettings } from '../../settings/read-settings';
import { useSettingSave } from '../hooks/use-setting-save';
import type { SetSetting } from '../hooks/use-settings';
import { ManagedNote } from './managed-note';
import { SaveFailedNote } from './save-failed-note';

/**
 * "Exports met geheime sleutels": whether the exports that show secrets are offered. A choice storage did
 * not take says so, and the checkbox shows the choice still in force.
 */
export function SecretExportsSettings({
  settings,
  set,
}: {
  readonly settings: EffectiveSettings;
  readonly set: SetSetting;
}) {
  const managed = settings.managed.has('allowSecretExport');
  const write = useSettingSave(set);
  return (
    <section id="secret-exports" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settingsHeading')}</h2>
      <div class="field">
        <label>
          <input
            type="checkbox"
            name="allow-secret-exports"
            checked={settings.values.allowSecretExport}
            disabled={managed}
            aria-describedby="secret-exports-hint"
            onChange={(event) => write.save('allowSecretExport', event.currentTarget.checked)}
          />{' '}
          {t('settingSecretExports')}
        </label>
        <p id="secret-exports-hint" class="field-hint">
          {t('settingSecretExportsHint')}
          {/* Only where it is true: allowEncryptedBackup=false takes the backup away too. */}
          {settings.values.allowEncryptedBackup && ` ${t('settingSecretExportsBackupHint')}`}
        </p>
        <SaveFailedNote state={write.state} testId="secret-exports-save-failed" />
        <ManagedNote managed={managed} />
      </div>
    </section>
  );
}
