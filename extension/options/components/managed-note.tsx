import { PadlockIcon } from '../../popup/components/padlock-icon';
import { t } from '../../popup/t';

/** Beside a control the organisation's policy fixed: why it cannot be changed here. */
export function ManagedNote({ managed }: { readonly managed: boolean }) {
  if (!managed) return null;
  return (
    <p class="field-hint managed-note" data-testid="managed">
      <PadlockIcon size={14} />
      {t('managedByOrganisation')}
    </p>
  );
}
