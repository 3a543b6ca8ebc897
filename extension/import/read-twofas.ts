import { base64ToBytesLenient } from './bytes';
import { EntryCollector, entryName } from './collect-entries';
import { ImportError } from './import-error';
import { checkEntryCount } from './import-limits';
import type { ImportReading, ImportResult } from './import-result';
import { isObject, type Json, numberText, parseJsonBytes, text } from './json-fields';

/** The newest `schemaVersion` of a .2fas file this code knows (2fas-android BackupContent). */
const SCHEMA_VERSION = 4;
/** 2fas-android BackupKeyGeneratorPbkdf: PBKDF2-HMAC-SHA256, 10,000 iterations, a 256-bit key. */
const PBKDF2_ITERATIONS = 10_000;

/** True for a 2FAS backup: `{ services: [...], schemaVersion, servicesEncrypted?, reference? }`. */
export function isTwofasBackup(json: unknown): json is Json {
  return isObject(json) && Array.isArray(json.services) && typeof json.schemaVersion === 'number';
}

/**
 * Reads a .2fas backup. Encrypted ones carry `servicesEncrypted` and `reference`, each
 * "base64(ciphertext+tag):base64(salt):base64(iv)", AES-256-GCM under a PBKDF2 key; `reference`
 * encrypts a fixed text, so a wrong password is told apart from a damaged file.
 */
export function readTwofasBackup(json: Json): ImportReading {
  const version = json.schemaVersion as number;
  if (version > SCHEMA_VERSION) {
    throw new ImportError('newer-version', `2FAS schema ${version} is newer than ${SCHEMA_VERSION}`);
  }
  const encrypted = text(json.servicesEncrypted);
  if (encrypted === undefined || encrypted === '')
    return { status: 'ready', result: readServices(json.services as unknown[]) };
  const reference = text(json.reference);
  return { status: 'locked', format: '2fas', unlock: (password) => unlock(encrypted, reference, password) };
}

async function unlock(
  services: string,
  reference: string | undefined,
  password: string,
): Promise<ImportResult> {
  if (reference !== undefined && (await open(reference, password)) === undefined) {
    throw new ImportError('wrong-passphrase', 'The password does not open this 2FAS backup');
  }
  const plain = await open(services, password);
  if (plain === undefined) {
    throw reference === undefined
      ? new ImportError('wrong-passphrase', 'The password does not open this 2FAS backup')
      : new ImportError('damaged', 'The 2FAS services fail their integrity check');
  }
  const list = parseJsonBytes(plain);
  if (!Array.isArray(list)) throw new ImportError('damaged', 'The 2FAS services are not a list');
  return readServices(list);
}

/** Decrypts one "data:salt:iv" part; undefined when GCM rejects it (wrong key or altered). */
async function open(part: string, password: string): Promise<Uint8Array | undefined> {
  const [data, salt, iv] = part.split(':').map((piece) => base64ToBytesLenient(piece));
  if (data === undefined || salt === undefined || iv === undefined || data.length < 16 || iv.length < 12) {
    throw new ImportError('damaged', 'A 2FAS encrypted part is malformed');
  }
  const start = performance.now();
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveKey',
  ]);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS, salt },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  performance.measure('kdf', { start, end: performance.now() });
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, data));
  } catch {
    return undefined;
  }
}

/** Services in the app's order (`order.position`). */
function readServices(list: unknown[]): ImportResult {
  checkEntryCount(list.length);
  const services = list
    .map((service, position) => ({ service: isObject(service) ? service : {}, position }))
    .sort((a, b) => positionOf(a.service, a.position) - positionOf(b.service, b.position))
    .map(({ service }) => service);
  const collector = new EntryCollector();
  for (const service of services) {
    const otp = isObject(service.otp) ? service.otp : {};
    // The service name is what 2FAS shows (and lets the user rename); the link's issuer is the fallback.
    const issuer = text(service.name) || text(otp.issuer) || '';
    const label = text(otp.account) || text(otp.label) || '';
    const type = (text(otp.tokenType) ?? 'TOTP').toLowerCase();
    // STEAM is rejected as unsupported-type.
    collector.add(
      {
        type,
        secret: text(service.secret),
        issuer,
        label,
        algorithm: text(otp.algorithm),
        digits: numberText(otp.digits),
        period: numberText(otp.period),
        counter: numberText(otp.counter) ?? '0',
      },
      entryName(issuer, label),
    );
  }
  return { format: '2fas', accounts: collector.accounts, rejected: collector.rejected, warnings: [] };
}

function positionOf(service: Json, fallback: number): number {
  const order = isObject(service.order) ? service.order.position : undefined;
  return typeof order === 'number' ? order : fallback;
}
