import type { OtpAlgorithm } from '../../shared/otp-parameters';

export type { OtpAlgorithm };
export type OtpType = 'totp' | 'hotp';

interface CommonOtpSettings {
  /** The raw shared secret (RFC 4226 §5.1 K), at least 80 bits. */
  readonly secret: Uint8Array;
  readonly algorithm: OtpAlgorithm;
  /** 6 to 8 (RFC 4226 §5.3 allows 6+, the Key URI Format 6 or 8; apps accept 7). */
  readonly digits: number;
}

export interface TotpSettings extends CommonOtpSettings {
  readonly type: 'totp';
  /** Time step in seconds (RFC 6238 §4 X). */
  readonly period: number;
}

export interface HotpSettings extends CommonOtpSettings {
  readonly type: 'hotp';
  /** The moving factor for the next code (RFC 4226 §5.2 C). */
  readonly counter: number;
}

/** What a code generator needs: the secret and its parameters. */
export type OtpSettings = TotpSettings | HotpSettings;

/** The names shown to the user. */
export interface AccountNames {
  /** The service, e.g. "Gemeente Voorbeeld". From the `issuer` parameter or the label prefix. */
  readonly issuer: string;
  /** The account name within the service, e.g. the username. */
  readonly label: string;
  /** The user's own name for this account, e.g. "Chrome plugin balie"; empty when not set. */
  readonly name: string;
}

/**
 * Where an account belongs: the origins (`https://portaal.example`) of the pages it may be filled
 * into without asking (SECURITY #35). A scan records the page it was scanned on; the user may edit
 * them. Absent or empty: none yet.
 */
export interface AccountSites {
  readonly origins?: readonly string[];
}

/** An account as parsed or entered, before the vault gives it an id and a place. */
export type AccountDraft = OtpSettings & AccountNames & AccountSites & { readonly pinned?: boolean };

/** An account as stored in the vault. */
export type Account = OtpSettings &
  AccountNames &
  AccountSites & {
    readonly id: string;
    readonly pinned: boolean;
    /** Position in the user's list; lower comes first (pinned accounts are shown first regardless). */
    readonly order: number;
    /** Milliseconds since the epoch. */
    readonly createdAt: number;
  };
