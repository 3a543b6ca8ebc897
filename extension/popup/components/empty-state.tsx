import { useEffect, useState } from 'preact/hooks';
import { readSettings } from '../../settings/read-settings';
import { openOptions } from '../open-options';
import { t } from '../t';

/** Whether the organisation's policy allows importing (the options page reads the same). */
async function importAllowedNow(): Promise<boolean> {
  return (await readSettings()).values.allowImport;
}

export interface EmptyStateProps {
  /**
   * False when the policy switched import off: no "Importeren" leading to a page that only says
   * so. Undefined: read from the settings here (shown meanwhile; hidden once they say no).
   */
  readonly allowImport?: boolean | undefined;
  /** Reads that setting when `allowImport` is not given (tests pass their own). */
  readonly readAllowImport?: () => Promise<boolean>;
}

/** What a new user should do, in one sentence; and "Importeren" for those who have codes elsewhere. */
export function EmptyState({ allowImport, readAllowImport = importAllowedNow }: EmptyStateProps) {
  const [read, setRead] = useState<boolean>();
  useEffect(() => {
    if (allowImport !== undefined) return;
    let live = true;
    readAllowImport().then(
      (allowed) => live && setRead(allowed),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [allowImport, readAllowImport]);
  const canImport = allowImport ?? read ?? true;
  return (
    <div class="empty">
      <p data-testid="empty">{t('emptyState')}</p>
      {canImport && (
        <>
          <p>{t('emptyImportHint')}</p>
          <button
            type="button"
            class="button secondary"
            data-testid="empty-import"
            onClick={() => {
              void openOptions().then((opened) => opened && window.close());
            }}
          >
            {t('emptyImport')}
          </button>
        </>
      )}
    </div>
  );
}
