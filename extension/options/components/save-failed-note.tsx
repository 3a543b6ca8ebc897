import { t } from '../../popup/t';
import type { SaveState } from '../hooks/use-setting-save';

/**
 * Under a control whose last write to storage failed: says so, as an alert. A select or checkbox
 * shows the value still in force again; a text field keeps what was typed (and says so in `text`).
 */
export function SaveFailedNote({
  state,
  testId,
  text,
}: {
  readonly state: SaveState;
  readonly testId: string;
  readonly text?: string;
}) {
  if (state !== 'failed') return null;
  return (
    <p class="notice error" role="alert" data-testid={testId}>
      {text ?? t('settingSaveFailed')}
    </p>
  );
}
