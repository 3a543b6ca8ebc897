import type { OtpAlgorithm, TotpParameters } from '../../shared/otp-parameters';

export interface Authenticator {
  readonly id: string;
  readonly userId: number;
  readonly name: string;
  /** AES-256-GCM: nonce ‖ ciphertext ‖ tag, AAD `authenticator:<id>:<userId>`. */
  readonly secretSealed: Uint8Array;
  readonly algorithm: OtpAlgorithm;
  readonly digits: number;
  readonly period: number;
  /** The last accepted time step; a code is accepted only for a later one. */
  readonly lastStep: number;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
}

/** An authenticator being added: its secret and parameters, bound to one session until confirmed. */
export interface PendingEnrollment {
  readonly sessionHash: string;
  readonly userId: number;
  /** The id the authenticator will get; part of the secret's AAD. */
  readonly authenticatorId: string;
  readonly name: string;
  readonly secretSealed: Uint8Array;
  /** What the QR code said; the authenticator gets exactly these. */
  readonly otp: TotpParameters;
  readonly expiresAt: number;
}

/**
 * Another authenticator of the user has the name, or one that looks like it (account/name-in-use.ts).
 * The stores judge it inside the write's transaction, under a per-user lock: two tabs or instances
 * never both give one name.
 */
export const NAME_TAKEN = 'name-taken';

export type RenameResult = 'renamed' | 'not-found' | typeof NAME_TAKEN;

/** Authenticators and their pending enrollments (tables `authenticators`, `pending_enrollments`). */
export interface AuthenticatorStore {
  listAuthenticators(userId: number): Promise<Authenticator[]>;
  getAuthenticator(id: string, userId: number): Promise<Authenticator | null>;
  renameAuthenticator(id: string, userId: number, name: string): Promise<RenameResult>;
  /**
   * Removes it, revokes every remembered browser of the user and ends every session of the user but
   * `keepSessionHash` (the one that removed it, if any), in one transaction (SECURITY #18, #29).
   */
  removeAuthenticator(id: string, userId: number, keepSessionHash: string | null): Promise<boolean>;

  /** Replaces any earlier pending enrollment of the session. */
  savePendingEnrollment(pending: PendingEnrollment): Promise<void>;
  getPendingEnrollment(sessionHash: string, now: number): Promise<PendingEnrollment | null>;
  /** Discards the session's pending enrollment of authenticator `authenticatorId` (not one that replaced it). */
  discardPendingEnrollment(sessionHash: string, authenticatorId: string): Promise<void>;
  /**
   * Turns the session's pending secret of authenticator `authenticatorId`, the one whose code was
   * checked, into an active authenticator whose first code is already used, atomically. Null when
   * it expired or another enrollment of the session replaced it meanwhile (a second tab).
   * NAME_TAKEN, and nothing changed, when another authenticator of the user has its name by now.
   */
  confirmEnrollment(
    sessionHash: string,
    authenticatorId: string,
    step: number,
    now: number,
  ): Promise<Authenticator | typeof NAME_TAKEN | null>;
}
