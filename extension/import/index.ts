export { type DuplicateOf, findDuplicates } from './find-duplicates';
export { ImportError, type ImportErrorCode } from './import-error';
export {
  type ImportFormat,
  type ImportReading,
  type ImportResult,
  type ImportWarning,
  type RejectedEntry,
  type RejectReason,
  UNSUPPORTED_REASONS,
} from './import-result';
export {
  type DecodeQrImage,
  imageType,
  MAX_IMPORT_BYTES,
  readImportBytes,
  readImportText,
} from './read-import';
