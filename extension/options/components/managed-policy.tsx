import { IsolatedText } from '../../popup/components/isolated-text';
import { PadlockIcon } from '../../popup/components/padlock-icon';
import { t } from '../../popup/t';
import type { EffectiveSettings } from '../../settings/read-settings';
import { managedPolicyRows } from '../managed-policy-rows';

/** The section's id: the page's contents link to it. */
export const MANAGED_POLICY_SECTION = 'policy';

/**
 * "Beheerd door uw organisatie": every setting the organisation's policy fixed, with its value, so
 * staff and the IT person see at a glance what holds here, including the settings that have no
 * control on this page. Nothing without a policy.
 */
export function ManagedPolicy({ settings }: { readonly settings: EffectiveSettings }) {
  const rows = managedPolicyRows(settings);
  if (rows.length === 0) return null;
  return (
    <section id={MANAGED_POLICY_SECTION} aria-labelledby="policy-heading" data-testid="managed-policy">
      <h2 id="policy-heading">
        <PadlockIcon size={18} />
        {t('policyHeading')}
      </h2>
      <p class="field-hint">{t('policyIntro')}</p>
      <table class="preview-table policy-table">
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={`managed-${row.key}`}>
              <th scope="row">{row.label}</th>
              <td>{row.fromPolicy ? <IsolatedText text={row.value} /> : row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
