import { useEffect, useRef, useState } from 'preact/hooks';
import { focusLost } from '../../popup/hooks/use-keep-focus';
import { t } from '../../popup/t';
import type { Vault } from '../../vault';
import { useImport } from '../hooks/use-import';
import { IMPORT_ERROR_MESSAGES } from '../import-messages';
import { AuthenticatorHelp } from './authenticator-help';
import { ImportPreview } from './import-preview';
import { ImportReportView } from './import-report-view';
import { PassphraseForm } from './passphrase-form';

/** Import: a file (picker or dropped anywhere on the page) or pasted text, then preview, then store. */
export function ImportSection({ openVault }: { readonly openVault: () => Promise<Vault> }) {
  const flow = useImport(openVault);
  const [text, setText] = useState('');
  const [dragging, setDragging] = useState(false);
  // "Tekst lezen" with nothing pasted: said as such, not as a format not recognised (found by an
  // accessibility review), with the focus in the box to paste into.
  const [emptyText, setEmptyText] = useState(false);
  const textBox = useRef<HTMLTextAreaElement>(null);
  const { stage } = flow;
  const latest = useRef(flow);
  latest.current = flow;
  const fileInput = useRef<HTMLInputElement>(null);
  const readButton = useRef<HTMLButtonElement>(null);
  // The preview, once read: its heading takes the focus from the control that read it (or from
  // nobody), so a screen reader says what was found; never from a field the user went on to.
  useEffect(() => {
    if (stage.kind !== 'preview') return;
    const from = document.activeElement;
    if (focusLost() || from === readButton.current || from === fileInput.current)
      document.getElementById('preview-heading')?.focus();
  }, [stage.kind]);
  /** "Annuleren" removes the form that had the focus: back to what started the import. */
  const cancel = () => {
    const back = readText.current === null ? fileInput.current : readButton.current;
    flow.reset();
    back?.focus();
  };
  // The pasted text that was read: once its accounts are stored, it (secrets and all) leaves the
  // field. Text typed or pasted since, or a file imported instead, leaves the field as it is.
  const readText = useRef<string | null>(null);
  useEffect(() => {
    if (stage.kind !== 'report') return;
    const read = readText.current;
    if (read !== null) setText((shown) => (shown === read ? '' : shown));
    readText.current = null;
  }, [stage.kind]);

  // Dropping a file anywhere on the page imports it; one AbortController removes every listener.
  useEffect(() => {
    const controller = new AbortController();
    const options = { signal: controller.signal };
    const hasFile = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    document.addEventListener(
      'dragover',
      (event) => {
        if (!hasFile(event)) return;
        event.preventDefault();
        setDragging(true);
      },
      options,
    );
    document.addEventListener('dragleave', () => setDragging(false), options);
    document.addEventListener(
      'drop',
      (event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer?.files[0];
        if (file === undefined) return;
        readText.current = null;
        latest.current.readFile(file);
      },
      options,
    );
    return () => controller.abort();
  }, []);

  return (
    <section
      id="import"
      aria-labelledby="import-heading"
      class={dragging ? 'drop-active row-gap' : 'row-gap'}
    >
      <h2 id="import-heading">{t('importHeading')}</h2>
      <p>{t('importIntro')}</p>
      {dragging && <p role="status">{t('importDrop')}</p>}
      <div class="field">
        <label for="import-file">{t('importFileLabel')}</label>
        <input
          ref={fileInput}
          id="import-file"
          type="file"
          data-testid="import-file"
          onChange={(event) => {
            readText.current = null;
            const input = event.currentTarget;
            const file = input.files?.[0];
            if (file !== undefined) flow.readFile(file);
            // The same file can be chosen again after a wrong passphrase or a cancel.
            input.value = '';
          }}
        />
      </div>
      <div class="field">
        <label for="import-text">{t('importTextLabel')}</label>
        <textarea
          id="import-text"
          name="import-text"
          spellcheck={false}
          autocomplete="off"
          ref={textBox}
          value={text}
          aria-invalid={emptyText ? 'true' : undefined}
          aria-describedby={emptyText ? 'import-text-empty' : undefined}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setEmptyText(false);
          }}
        />
      </div>
      <button
        ref={readButton}
        type="button"
        class="button secondary"
        data-testid="import-read"
        onClick={() => {
          if (text.trim() === '') {
            setEmptyText(true);
            textBox.current?.focus();
            return;
          }
          readText.current = text;
          flow.readText(text);
        }}
      >
        {t('importRead')}
      </button>
      {/* One message at a time: an earlier read's failure gives way to the empty box's. */}
      {emptyText ? (
        <p class="notice error" role="alert" id="import-text-empty" data-testid="import-error">
          {t('importTextEmpty')}
        </p>
      ) : (
        flow.error !== null && (
          <p class="notice error" role="alert" data-testid="import-error">
            {t(IMPORT_ERROR_MESSAGES[flow.error])}
          </p>
        )
      )}
      {/* Always there, empty until the import works (see plain-export.tsx). */}
      <p role="status">{stage.kind === 'busy' ? t('importBusy') : ''}</p>
      {stage.kind === 'locked' && <PassphraseForm onUnlock={flow.unlock} onCancel={cancel} />}
      {stage.kind === 'preview' && (
        <ImportPreview
          result={stage.result}
          duplicates={stage.duplicates}
          selected={stage.selected}
          onToggle={flow.toggle}
          onConfirm={flow.confirm}
          onCancel={cancel}
        />
      )}
      {stage.kind === 'report' && <ImportReportView report={stage.report} />}
      <AuthenticatorHelp />
    </section>
  );
}
