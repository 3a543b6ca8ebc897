import type { FastifyReply, FastifyRequest } from 'fastify';
import { MESSAGES_NL, type MessageKey } from '../i18n/messages-nl';

const FLASH_COOKIE = 'flash';

export type FlashKind = 'notice' | 'error';

interface Flash {
  readonly key: MessageKey;
  readonly params?: Record<string, string | number>;
  readonly kind?: FlashKind;
}

export interface FlashMessage {
  readonly text: string;
  readonly kind: FlashKind;
}

/**
 * A one-time notice carried across a redirect ("… is toegevoegd") in a signed cookie,
 * so a crafted link cannot make the portal display text of an attacker's choosing.
 */
export function setFlash(
  reply: FastifyReply,
  key: MessageKey,
  params?: Record<string, string | number>,
  kind: FlashKind = 'notice',
): void {
  const flash: Flash = { key, kind, ...(params ? { params } : {}) };
  const value = JSON.stringify(flash);
  reply.setCookie(FLASH_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.secureCookies,
    signed: true,
    maxAge: 60,
  });
}

/** Reads and clears the notice; a tampered or unknown one is ignored. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply): FlashMessage | undefined {
  const raw = request.cookies[FLASH_COOKIE];
  if (raw === undefined) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: '/', secure: reply.server.secureCookies });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return undefined;
  try {
    const flash = JSON.parse(unsigned.value) as Flash;
    if (!Object.hasOwn(MESSAGES_NL, flash.key)) return undefined;
    return { text: request.t(flash.key, flash.params), kind: flash.kind === 'error' ? 'error' : 'notice' };
  } catch {
    return undefined;
  }
}
