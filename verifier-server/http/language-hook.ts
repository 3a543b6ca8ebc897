import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { isLanguage, LANGUAGES, translator } from '../i18n/translator';

/** ?lang= (remembered in a cookie), then the cookie, then Accept-Language, then Dutch. */
export function languageHook(
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  let lang = isLanguage(query) ? query : undefined;
  if (lang) {
    const secure = reply.server.secureCookies;
    reply.setCookie('lang', lang, { path: '/', sameSite: 'lax', secure, maxAge: 365 * 24 * 3600 });
  } else {
    const cookie = request.cookies.lang;
    lang = isLanguage(cookie) ? cookie : undefined;
  }
  if (!lang) {
    // Without the header there is nothing to negotiate (and no parser to run).
    const header = request.headers['accept-language'];
    const accepted = header === undefined ? undefined : request.languages([...LANGUAGES]);
    lang = isLanguage(accepted) ? accepted : 'nl';
  }
  request.lang = lang;
  request.t = translator(lang);
  done();
}
