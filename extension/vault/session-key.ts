import { base64ToBytes, bytesToBase64 } from './encoding';

/**
 * What keeps a passphrase vault unlocked for a browser session without the passphrase: the KEK of
 * the passphrase slot that opened it. The caller keeps it in memory only (the browser session storage,
 * never on disk, SECURITY #34) and forgets it to lock. It opens only that slot: once the
 * passphrase is changed or removed it opens nothing, and GCM tells a wrong one from the right one.
 */
export interface SessionKey {
  readonly slotId: string;
  /** The slot's 32-byte key-encryption key. */
  readonly kek: Uint8Array<ArrayBuffer>;
}

/** The JSON form for the session storage area (which stores only JSON values). */
export interface StoredSessionKey {
  readonly slotId: string;
  readonly kek: string;
}

export function storeSessionKey(session: SessionKey): StoredSessionKey {
  return { slotId: session.slotId, kek: bytesToBase64(session.kek) };
}

/** Undefined for anything that is not a well-formed stored session key. */
export function readSessionKey(value: unknown): SessionKey | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { slotId, kek } = value as Record<string, unknown>;
  if (typeof slotId !== 'string' || typeof kek !== 'string') return undefined;
  try {
    const bytes = base64ToBytes(kek);
    return bytes.length === 32 ? { slotId, kek: bytes } : undefined;
  } catch {
    return undefined;
  }
}
