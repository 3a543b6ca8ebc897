import { DEFAULT_TOTP } from '../../../shared/otp-parameters';
import type { DuplicateOf, ImportResult } from '../../import';
import { entryName } from '../../import/collect-entries';
import { IsolatedText } from '../../popup/components/isolated-text';
import { isolateText } from '../../popup/isolate-text';
import { t } from '../../popup/t';
import { ImportLeftOut } from './import-left-out';

interface ImportPreviewProps {
  readonly result: ImportResult;
  readonly duplicates: readonly DuplicateOf[];
  readonly selected: readonly boolean[];
  readonly onToggle: (index: number) => void;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * Every account found, before anything is stored; duplicates marked and unticked; the entries
 * that will not be imported, with why (as the report after the import says). The websites a
 * backup links to an account are shown too: on them the extension fills that account's code
 * without asking, so a website the user does not know is a reason to untick it.
 */
export function ImportPreview({
  result,
  duplicates,
  selected,
  onToggle,
  onConfirm,
  onCancel,
}: ImportPreviewProps) {
  const count = selected.filter(Boolean).length;
  const withSites = result.accounts.some((account) => (account.origins?.length ?? 0) > 0);
  // A backup keeps the names users gave accounts ("Apotheek"): shown, or twins cannot be told apart.
  const withNames = result.accounts.some((account) => account.name !== '');
  // Type, algorithm, digits and period mean nothing to most staff: shown only when an account
  // differs from what nearly every one uses (TOTP, SHA1, 6 digits, 30 s).
  const technical = result.accounts.some(
    (account) =>
      account.type !== 'totp' ||
      account.algorithm !== DEFAULT_TOTP.algorithm ||
      account.digits !== DEFAULT_TOTP.digits ||
      account.period !== DEFAULT_TOTP.period,
  );
  // "staat er al" in a column of its own: in the account's column it read like a name when the
  // account had none.
  const anyDuplicate = duplicates.some(Boolean);
  // Why "Aangevinkte accounts importeren" cannot be clicked (found by QA: it was greyed out without
  // a word): every account is there already, or none is ticked.
  const allThere = result.accounts.length > 0 && result.accounts.every((_a, i) => duplicates[i]);
  const whyNone =
    count > 0 || result.accounts.length === 0 ? null : allThere ? 'importNothingNew' : 'importNoneTicked';
  return (
    <section data-testid="import-preview" aria-labelledby="preview-heading">
      {/* Focusable: it takes the focus when the preview appears (import-section.tsx). */}
      <h3 id="preview-heading" tabIndex={-1}>
        {t('importPreviewHeading', result.accounts.length)}
      </h3>
      {result.warnings.map((warning) => (
        <p key={warning.code} class="notice" role="status">
          {t('importMissingBatches', warning.found, warning.expected)}
        </p>
      ))}
      <ImportLeftOut result={result} />
      {result.accounts.length === 0 ? (
        <p>{t('importNothingFound')}</p>
      ) : (
        <>
          <p>{t('importPreviewHint')}</p>
          {withSites && (
            <p class="notice" data-testid="import-sites-hint">
              {t('importSitesHint')}
            </p>
          )}
          <table class="preview-table">
            <thead>
              <tr>
                <th scope="col">
                  <span class="sr-only">{t('importConfirm')}</span>
                </th>
                {withNames && <th scope="col">{t('importColName')}</th>}
                <th scope="col">{t('importColIssuer')}</th>
                <th scope="col">{t('importColLabel')}</th>
                {technical && (
                  <>
                    <th scope="col">{t('importColType')}</th>
                    <th scope="col">{t('importColAlgorithm')}</th>
                    <th scope="col">{t('importColDigits')}</th>
                    <th scope="col">{t('importColPeriod')}</th>
                  </>
                )}
                {withSites && <th scope="col">{t('importColSites')}</th>}
                {anyDuplicate && <th scope="col">{t('importColStatus')}</th>}
              </tr>
            </thead>
            <tbody>
              {result.accounts.map((account, i) => (
                <tr key={i} data-testid="import-item" class={duplicates[i] ? 'duplicate' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      checked={selected[i] ?? false}
                      aria-label={t(
                        'importSelect',
                        isolateText(account.name || entryName(account.issuer, account.label)),
                      )}
                      onChange={() => onToggle(i)}
                    />
                  </td>
                  {withNames && (
                    <td data-testid="import-item-name">
                      <IsolatedText text={account.name} />
                    </td>
                  )}
                  <td>
                    <IsolatedText text={account.issuer} />
                  </td>
                  <td>
                    <IsolatedText text={account.label} />
                  </td>
                  {technical && (
                    <>
                      <td>{account.type.toUpperCase()}</td>
                      <td>{account.algorithm}</td>
                      <td>{account.digits}</td>
                      <td>
                        {account.type !== 'totp'
                          ? t('importCounter', account.counter)
                          : account.period === 1
                            ? t('importOneSecond')
                            : t('importSeconds', account.period)}
                      </td>
                    </>
                  )}
                  {withSites && (
                    <td data-testid="import-item-sites">
                      {(account.origins ?? []).map((origin, n) => (
                        <span key={origin}>
                          {n > 0 && ', '}
                          <IsolatedText text={origin} />
                        </span>
                      ))}
                    </td>
                  )}
                  {anyDuplicate && (
                    <td>
                      {duplicates[i] && (
                        <em>{t(duplicates[i] === 'file' ? 'importRepeated' : 'importAlreadyThere')}</em>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {/* Always there, empty until it says something: a status that arrives with its text is said
          by no screen reader. */}
      <p id="import-why-none" role="status" data-testid="import-why-none">
        {whyNone === null ? '' : t(whyNone)}
      </p>
      <div class="form-buttons">
        <button
          type="button"
          class="button"
          data-testid="import-confirm"
          disabled={count === 0}
          aria-describedby={whyNone === null ? undefined : 'import-why-none'}
          onClick={onConfirm}
        >
          {t('importConfirm')}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}
