import type {} from '@fastify/accepts';
import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type { Language, Translate } from '../i18n/translator';
import type { Session, UserWithOrganisation } from '../store/store';

declare module 'fastify' {
  interface FastifyInstance {
    /** Served over https: every cookie gets Secure. */
    secureCookies: boolean;
  }
  interface FastifyRequest {
    /** The page language: ?lang=, then the `lang` cookie, then Accept-Language, then Dutch. */
    lang: Language;
    t: Translate;
    /** Set by the session guards for routes that need a login. */
    session: Session | null;
    user: UserWithOrganisation | null;
  }
}
