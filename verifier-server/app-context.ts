import type { FastifyBaseLogger } from 'fastify';
import type { DerivedKeys } from './auth/derive-keys';
import type { PasswordHasher } from './auth/password-hasher';
import type { SecurityPolicy, VerifierConfig } from './config';
import type { MessageTransport } from './outbox/message-transport';
import type { CodeChecker, Store } from './store/store';

/** What every route needs, built once by buildApp. */
export interface AppContext {
  readonly config: VerifierConfig;
  readonly policy: SecurityPolicy;
  readonly store: Store;
  readonly keys: DerivedKeys;
  /** The second step's code check (auth/totp-code-checker.ts), with the secrets key. */
  readonly checkCode: CodeChecker;
  readonly passwords: PasswordHasher;
  readonly transport: MessageTransport;
  readonly log: FastifyBaseLogger;
  /** Unix seconds from the configured clock. */
  nowSeconds(): number;
}
