import type { FastifyReply, FastifyRequest } from 'fastify';
import { MESSAGES_NL, type MessageKey } from '../i18n/messages-nl';

/** __Host- over https: no other host (a sibling subdomain) can set or replace it. */
const flashCookie = (secure: boolean) => (secure ? '__Host-flash' : 'flash');

/** A notice lives across one redirect; the signed value says until when, not only the cookie. */
const FLASH_SECONDS = 60;

export type FlashKind = 'notice' | 'error';

/**
 * The form field an error is about, on the page the redirect leads to, and what was typed there,
 * so the page shows the field again with the typed text, focused and marked (nothing typed is
 * lost to the redirect).
 */
export interface FlashField {
  /** The field's id on that page. */
  readonly id: string;
  readonly value: string;
}

interface Flash {
  readonly key: MessageKey;
  readonly params?: Record<string, string | number>;
  readonly kind?: FlashKind;
  readonly field?: FlashField;
  /** Unix seconds after which the notice is not shown (a copied cookie does not last). */
  readonly until: number;
}

export interface FlashMessage {
  readonly text: string;
  readonly kind: FlashKind;
  readonly field?: FlashField | undefined;
}

/** The notice's element id: a field in error names it (aria-describedby). */
export const FLASH_ID = 'notice';

/**
 * A one-time notice carried across a redirect ("… is toegevoegd") in a signed cookie,
 * so a crafted link cannot make the portal display text of an attacker's choosing.
 */
export function setFlash(
  reply: FastifyReply,
  key: MessageKey,
  params?: Record<string, string | number>,
  kind: FlashKind = 'notice',
  field?: FlashField,
): void {
  const until = reply.server.nowSeconds() + FLASH_SECONDS;
  const flash: Flash = { key, kind, until, ...(params ? { params } : {}), ...(field ? { field } : {}) };
  const value = JSON.stringify(flash);
  reply.setCookie(flashCookie(reply.server.secureCookies), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.secureCookies,
    signed: true,
    maxAge: FLASH_SECONDS,
  });
}

/** Reads and clears the notice; a tampered or unknown one is ignored. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply): FlashMessage | undefined {
  const name = flashCookie(reply.server.secureCookies);
  const raw = request.cookies[name];
  if (raw === undefined) return undefined;
  reply.clearCookie(name, { path: '/', secure: reply.server.secureCookies });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return undefined;
  try {
    const flash = JSON.parse(unsigned.value) as Flash;
    if (!Object.hasOwn(MESSAGES_NL, flash.key)) return undefined;
    if (!(typeof flash.until === 'number' && flash.until >= reply.server.nowSeconds())) return undefined;
    const field =
      typeof flash.field?.id === 'string' && typeof flash.field.value === 'string' ? flash.field : undefined;
    return {
      text: request.t(flash.key, flash.params),
      kind: flash.kind === 'error' ? 'error' : 'notice',
      field,
    };
  } catch {
    return undefined;
  }
}
