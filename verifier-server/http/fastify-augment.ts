import type {} from '@fastify/accepts';
import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type { Language, Translate } from '../i18n/translator';

declare module 'fastify' {
  interface FastifyInstance {
    /** Served over https: every cookie gets Secure. */
    secureCookies: boolean;
    /** The app's clock (config.now) in Unix seconds, for code that has the reply but no context. */
    nowSeconds: () => number;
    /** The demo account (demo/demo) exists: every page says this portal is for local testing only. */
    demoNotice: boolean;
  }
  interface FastifyRequest {
    /** The page language: ?lang=, then the `lang` cookie, then Accept-Language, then Dutch. */
    lang: Language;
    t: Translate;
  }
}
