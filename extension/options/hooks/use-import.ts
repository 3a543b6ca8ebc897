import { useCallback, useRef, useState } from 'preact/hooks';
import {
  type DuplicateOf,
  findDuplicates,
  ImportError,
  type ImportErrorCode,
  type ImportReading,
  type ImportResult,
  MAX_IMPORT_BYTES,
  readImportBytes,
  readImportText,
} from '../../import';
import { PolicyRefusedError } from '../../settings/policy-refused-error';
import { requireAllowed } from '../../settings/require-allowed';
import type { Vault } from '../../vault';
import { decodeQrImage } from '../decode-qr-image';
import { type ImportReport, importReport } from '../import-report';
import { storeImport } from '../store-import';

export type ImportStage =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'locked'; readonly unlock: (passphrase: string) => Promise<ImportResult> }
  | {
      readonly kind: 'preview';
      readonly result: ImportResult;
      readonly duplicates: readonly DuplicateOf[];
      readonly selected: readonly boolean[];
    }
  | { readonly kind: 'report'; readonly report: ImportReport };

/**
 * Why an import stopped: the file's own fault (an ImportError's code), a failed save, a vault
 * that could not be opened (or was locked meanwhile) to compare the file with it, or the policy
 * allowImport, read when the file is read and again when the accounts are stored ('policy').
 */
export type ImportFailure = ImportErrorCode | 'save' | 'vault' | 'policy';

/** The vault, not the file, failed while the preview was prepared. */
class VaultUnavailable extends Error {
  override readonly name = 'VaultUnavailable';
}

export interface ImportFlow {
  readonly stage: ImportStage;
  readonly error: ImportFailure | null;
  readFile(file: File): void;
  readText(text: string): void;
  unlock(passphrase: string): void;
  toggle(index: number): void;
  confirm(): void;
  reset(): void;
}

/**
 * The import, step by step: read (file or text) → passphrase if encrypted → preview (nothing
 * stored; duplicates of the vault unticked) → one all-or-nothing vault write → report. Any
 * failure is an error code for the page to say in the user's language; nothing is stored then.
 */
export function useImport(openVault: () => Promise<Vault>): ImportFlow {
  const [stage, setStage] = useState<ImportStage>({ kind: 'idle' });
  const [error, setError] = useState<ImportFailure | null>(null);
  const current = useRef(stage);
  current.current = stage;

  const withVault = useCallback(
    async <T>(work: (vault: Vault) => Promise<T>): Promise<T> => {
      const vault = await openVault();
      try {
        return await work(vault);
      } finally {
        vault.close();
      }
    },
    [openVault],
  );

  const showPreview = useCallback(
    async (result: ImportResult) => {
      const existing = await withVault(async (vault) => (await vault.list()).accounts).catch(
        (cause: unknown) => {
          throw new VaultUnavailable('The vault could not be read for the preview', { cause });
        },
      );
      const duplicates = findDuplicates(result.accounts, existing);
      setStage({ kind: 'preview', result, duplicates, selected: duplicates.map((d) => !d) });
    },
    [withVault],
  );

  const run = useCallback((work: () => Promise<void>, onError: ImportStage = { kind: 'idle' }) => {
    setError(null);
    setStage({ kind: 'busy' });
    work().catch((failure: unknown) => {
      setStage(onError);
      // Never the failure's message or content: a code the page translates (SECURITY #26).
      setError(
        failure instanceof ImportError
          ? failure.code
          : failure instanceof VaultUnavailable
            ? 'vault'
            : failure instanceof PolicyRefusedError
              ? 'policy'
              : 'damaged',
      );
    });
  }, []);

  const read = useCallback(
    (reading: () => Promise<ImportReading>) =>
      run(async () => {
        // Read now, not when the section was drawn: refused before the file is even looked at.
        await requireAllowed('allowImport');
        const result = await reading();
        if (result.status === 'locked') setStage({ kind: 'locked', unlock: result.unlock });
        else await showPreview(result.result);
      }),
    [run, showPreview],
  );

  return {
    stage,
    error,
    readFile: (file) => {
      if (file.size > MAX_IMPORT_BYTES) {
        setStage({ kind: 'idle' });
        setError('too-large');
        return;
      }
      read(async () => readImportBytes(new Uint8Array(await file.arrayBuffer()), decodeQrImage));
    },
    readText: (text) => read(() => readImportText(text)),
    unlock: (passphrase) => {
      const locked = current.current;
      if (locked.kind !== 'locked') return;
      // A wrong passphrase keeps the passphrase form; anything else starts over.
      run(async () => showPreview(await locked.unlock(passphrase)), locked);
    },
    toggle: (index) => {
      const preview = current.current;
      if (preview.kind !== 'preview') return;
      setStage({ ...preview, selected: preview.selected.map((on, i) => (i === index ? !on : on)) });
    },
    confirm: () => {
      const preview = current.current;
      if (preview.kind !== 'preview') return;
      setError(null);
      setStage({ kind: 'busy' });
      const chosen = preview.result.accounts.filter((_, i) => preview.selected[i]);
      storeImport(openVault, chosen).then(
        () =>
          setStage({
            kind: 'report',
            report: importReport(preview.result, preview.duplicates, preview.selected),
          }),
        (failure: unknown) => {
          // The preview stays, so nothing is lost: the user can try again once allowed.
          setStage(preview);
          setError(failure instanceof PolicyRefusedError ? 'policy' : 'save');
        },
      );
    },
    reset: () => {
      setError(null);
      setStage({ kind: 'idle' });
    },
  };
}
