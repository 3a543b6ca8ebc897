import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isScanSuccess, type LastScan } from '../../last-scan';
import { scanResultText } from '../scan-result-text';
import { t } from '../t';

interface Props {
  readonly scan: LastScan;
  /** Renames a freshly added account (the manual's "Chrome plugin balie"). */
  readonly onRename: (id: string, name: string) => Promise<void>;
  /** Closes the box; `renamed`: the account just named here (its row takes the focus). */
  readonly onClose: (renamed?: string) => void;
}

/**
 * What the last scan did; a single added account can be named right away, behind "Naam wijzigen"
 * so that the box stays short: the account's code, which the user types into the portal next,
 * stays in view below it at a larger zoom too.
 */
export function ScanResult({ scan, onRename, onClose }: Props) {
  const ok = isScanSuccess(scan);
  // A single added account can be named here; its name so far is the default.
  const added = scan.status === 'added' && scan.ids.length === 1 ? scan : undefined;
  const id = added?.ids[0];
  const [name, setName] = useState(added?.names[0] ?? '');
  const [renaming, setRenaming] = useState(false);
  const nameField = useRef<HTMLInputElement>(null);
  // This box appears above the list, after the new account's row may have taken the focus (and
  // scrolled to it): that row is brought back into view below it, where its code is read next.
  const first = scan.status === 'added' ? scan.ids[0] : undefined;
  useLayoutEffect(() => {
    if (first === undefined) return;
    document
      .querySelector(`[data-testid="account"][data-id="${CSS.escape(first)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [first]);
  // Opened by a click on "Naam wijzigen": the name is typed next.
  useEffect(() => {
    if (renaming) nameField.current?.focus();
  }, [renaming]);
  // Said aloud: the box is there with its text as the popup opens (the focus on the new row), and
  // a live region says only what changes in it. So the text also comes into an empty one beside
  // it a moment later, emptied again once said, so that reading the popup finds it once (found by
  // an accessibility review: "Nog één stap" was never heard).
  const lines = scanResultText(scan);
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    const say = setTimeout(() => setSpoken(lines.join(' ')), 150);
    const done = setTimeout(() => setSpoken(''), 10_000);
    return () => {
      clearTimeout(say);
      clearTimeout(done);
    };
  }, [scan]);
  return (
    <>
      {/* Not for a failure: the box is then an alert, which is said as it appears (a review
          heard it twice). */}
      {ok && (
        <p class="sr-only" role="status" data-testid="scan-result-spoken">
          {spoken}
        </p>
      )}
      <section
        class={ok ? 'scan-result ok' : 'scan-result failed'}
        data-testid="scan-result"
        role={ok ? 'status' : 'alert'}
      >
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
        {id !== undefined && renaming && (
          <form
            class="scan-rename"
            onSubmit={(event) => {
              event.preventDefault();
              // Empty, as in a row's rename: the account keeps its default name (issuer, label).
              void onRename(id, name.trim()).then(() => onClose(id));
            }}
          >
            <label for="scan-name">{t('renameLabel')}</label>
            <input
              id="scan-name"
              name="name"
              type="text"
              dir="auto"
              ref={nameField}
              value={name}
              maxLength={100}
              aria-describedby="scan-name-hint"
              onInput={(e) => setName(e.currentTarget.value)}
            />
            <button type="submit" class="button small">
              {t('renameSave')}
            </button>
            <p id="scan-name-hint" class="field-hint">
              {t('renameHint')}
            </p>
          </form>
        )}
        {/* "Sluiten" stays the section's first button, as before "Naam wijzigen" came. */}
        <button type="button" class="button small secondary" onClick={() => onClose()}>
          {t('close')}
        </button>
        {id !== undefined && !renaming && (
          <button
            type="button"
            class="button small secondary"
            data-testid="scan-rename"
            onClick={() => setRenaming(true)}
          >
            {t('scanRename')}
          </button>
        )}
      </section>
    </>
  );
}
