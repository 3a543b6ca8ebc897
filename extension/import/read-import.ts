import { looksLikeBackup } from '../backup/open-backup';
import { ImportError } from './import-error';
import { limitReading } from './import-limits';
import type { ImportReading } from './import-result';
import { isAegisVault, readAegisVault } from './read-aegis';
import { isAuthenticatorBackup, readAuthenticatorBackup } from './read-authenticator-backup';
import { isBitwardenExport, readBitwardenExport } from './read-bitwarden';
import { hasOtpauthLines, readOtpauthLines } from './read-otpauth-lines';
import { readOwnBackup } from './read-own-backup';
import { isTwofasBackup, readTwofasBackup } from './read-twofas';

/** Files and pasted text larger than this are refused unread (SECURITY #36). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Decodes the QR code in an image file to its text; null when there is none. The page supplies it. */
export type DecodeQrImage = (bytes: Uint8Array<ArrayBuffer>, type: string) => Promise<string | null>;

const IMAGE_SIGNATURES: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46]],
  ['image/bmp', [0x42, 0x4d]],
];

/** The image type by its first bytes (not the file name), or undefined for anything else. */
export function imageType(bytes: Uint8Array): string | undefined {
  return IMAGE_SIGNATURES.find(([, magic]) => magic.every((byte, i) => bytes[i] === byte))?.[0];
}

/**
 * Reads a file's bytes: a QR image (a Google Authenticator export code, an otpauth QR) through
 * `decodeQr`, anything else as UTF-8 text through readImportText.
 */
export async function readImportBytes(
  bytes: Uint8Array<ArrayBuffer>,
  decodeQr: DecodeQrImage,
): Promise<ImportReading> {
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportError('too-large', 'The file is larger than 5 MB');
  const type = imageType(bytes);
  if (type !== undefined) {
    const text = await decodeQr(bytes, type);
    if (text === null) throw new ImportError('no-qr-code', 'No QR code found in the image');
    return readImportText(text);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new ImportError('unknown-format', 'The file is neither text nor an image', { cause });
  }
  return readImportText(text);
}

/**
 * Recognises the format from the content alone and reads it: every account, each entry it could
 * not use with the reason, or (for an encrypted file) a request for the passphrase. Throws
 * ImportError for a file that cannot be imported as a whole; nothing is stored either way. Every
 * format is held to the same limits (import-limits.ts).
 */
export async function readImportText(input: string): Promise<ImportReading> {
  if (input.length > MAX_IMPORT_BYTES || new TextEncoder().encode(input).length > MAX_IMPORT_BYTES) {
    throw new ImportError('too-large', 'The text is larger than 5 MB');
  }
  return limitReading(await readFormat(input.replace(/^\uFEFF/, '').trim()));
}

async function readFormat(text: string): Promise<ImportReading> {
  if (looksLikeBackup(text)) return readOwnBackup(text);
  if (text.startsWith('{') || text.startsWith('[')) return readJson(text);
  if (hasOtpauthLines(text)) return readOtpauthLines(text);
  throw new ImportError('unknown-format', 'Not a format this extension reads');
}

function readJson(text: string): ImportReading {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    // JSON that does not parse is cut off or damaged; no text format starts with a brace.
    throw new ImportError('damaged', 'The file is not valid JSON', { cause });
  }
  if (isAegisVault(json)) return readAegisVault(json);
  if (isTwofasBackup(json)) return readTwofasBackup(json);
  if (isBitwardenExport(json)) return readBitwardenExport(json);
  if (isAuthenticatorBackup(json)) return readAuthenticatorBackup(json);
  throw new ImportError('unknown-format', 'JSON, but not a format this extension reads');
}
