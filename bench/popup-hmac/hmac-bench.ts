/**
 * The popup benchmark's HMAC comparison (issue 9): opened as
 * chrome-extension://<id>/bench/popup-hmac/index.html#<variant>, in a fresh page each time (so
 * the JIT is as cold as when the popup opens), it computes the current codes of 1,000 SHA-1
 * accounts one way and sets `document.title` to `done <json>` (or `failed <message>`):
 * - handwritten: ./hmac-sha1.ts through otpauth's hmac hook, as the popup did before issue 9;
 * - noble: otpauth's own HMAC (noble-hashes), what the popup uses;
 * - webcrypto: crypto.subtle importKey + sign per account, all at once (asynchronous).
 * It also checks that the three give the same codes.
 */
import { HOTP, Secret } from 'otpauth';
import { hmacSha1 } from './hmac-sha1';

const COUNT = 1000;
const counter = Math.floor(Date.now() / 30_000);
const secrets = Array.from({ length: COUNT }, () => crypto.getRandomValues(new Uint8Array(20)));

/** The code otpauth makes, with `hmac` or (undefined) its default. */
const otpauthCode = (
  secret: Uint8Array,
  hmac?: (algorithm: string, key: Uint8Array, message: Uint8Array) => Uint8Array,
) => HOTP.generate({ secret: new Secret({ buffer: new Uint8Array(secret).buffer }), counter, hmac });

const handwritten = (_algorithm: string, key: Uint8Array, message: Uint8Array) => hmacSha1(key, message);

/** RFC 4226 §5.3: the counter as 8 bytes, big-endian. */
function counterBytes(value: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setUint32(4, value);
  new DataView(bytes.buffer).setUint32(0, Math.floor(value / 2 ** 32));
  return bytes;
}

/** RFC 4226 §5.3 dynamic truncation to 6 digits. */
function truncate(mac: Uint8Array): string {
  const offset = (mac[19] ?? 0) & 0x0f;
  const binary = new DataView(mac.buffer, mac.byteOffset).getUint32(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

async function webCryptoCode(
  secret: Uint8Array<ArrayBuffer>,
  message: Uint8Array<ArrayBuffer>,
): Promise<string> {
  const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  return truncate(new Uint8Array(await crypto.subtle.sign('HMAC', key, message)));
}

async function run(variant: string): Promise<{ firstMs: number; allMs: number }> {
  const start = performance.now();
  if (variant === 'webcrypto') {
    const message = counterBytes(counter);
    let first = Number.NaN;
    await Promise.all(
      secrets.map((secret) =>
        webCryptoCode(secret, message).then((code) => {
          if (Number.isNaN(first)) first = performance.now() - start;
          return code;
        }),
      ),
    );
    return { firstMs: first, allMs: performance.now() - start };
  }
  const hmac = variant === 'handwritten' ? handwritten : variant === 'noble' ? undefined : null;
  if (hmac === null) throw new Error(`unknown variant ${variant}`);
  let first = Number.NaN;
  for (const secret of secrets) {
    otpauthCode(secret, hmac);
    if (Number.isNaN(first)) first = performance.now() - start;
  }
  return { firstMs: first, allMs: performance.now() - start };
}

async function sameCodes(): Promise<boolean> {
  const message = counterBytes(counter);
  for (const secret of secrets.slice(0, 50)) {
    const codes = [
      otpauthCode(secret, handwritten),
      otpauthCode(secret),
      await webCryptoCode(secret, message),
    ];
    if (new Set(codes).size !== 1) return false;
  }
  return true;
}

run(location.hash.slice(1))
  .then(async (times) => {
    document.title = `done ${JSON.stringify({ ...times, sameCodes: await sameCodes() })}`;
  })
  .catch((error: unknown) => {
    document.title = `failed ${error instanceof Error ? error.message : String(error)}`;
  });
