import type { AccountDraft } from '../otp/account';
import { MAX_NAME_LENGTH } from '../otp/max-name-length';
import { entryName } from './collect-entries';
import { ImportError } from './import-error';
import type { ImportReading, ImportResult, RejectedEntry } from './import-result';

/** At most this many entries in one import (accounts and entries not used): no real export has more. */
export const MAX_IMPORT_ACCOUNTS = 10_000;

/**
 * At most this many password slots or key records are tried with a passphrase: each costs a
 * memory-hard KDF run. Real files have one (Aegis: one per password, plus biometric slots that
 * are not tried; the Authenticator extension: one key).
 */
export const MAX_KEY_SLOTS = 8;

/**
 * At most this much argon2 work, memory (KiB) × passes summed over every run, is done for one
 * passphrase on one file: 3 GiB × passes, which holds one run at the largest parameters
 * deriveArgon2 computes (ARGON2_LIMITS: 256 MiB × 10 passes, about 9 s) plus the fixed-cost key
 * derivations of MAX_KEY_SLOTS key records (19 MiB × 2 passes each). The files apps write need a
 * fraction of it (the Authenticator extension: 2 runs of 19 MiB × 2 passes per key); without it a
 * crafted file of several records, each at the limit, cost that many times 9 s per passphrase.
 */
export const MAX_ARGON2_WORK = 3 * 1024 * 1024;

/**
 * Refuses, before a passphrase is asked for, a file whose unlocking would cost more than
 * MAX_ARGON2_WORK: 'damaged', as a file asking for parameters beyond ARGON2_LIMITS is.
 */
export function checkArgon2Work(work: number): void {
  if (work > MAX_ARGON2_WORK)
    throw new ImportError('damaged', 'The key records ask for more argon2 work than one import is given');
}

/** Refuses a file with more than MAX_IMPORT_ACCOUNTS entries, before anything is decrypted or shown. */
export function checkEntryCount(count: number): void {
  if (count > MAX_IMPORT_ACCOUNTS)
    throw new ImportError('too-many-accounts', `More than ${MAX_IMPORT_ACCOUNTS} accounts in one file`);
}

/** Refuses a file whose passphrase would be tried on more than MAX_KEY_SLOTS slots or key records. */
export function checkKeyCount(count: number): void {
  if (count > MAX_KEY_SLOTS)
    throw new ImportError('too-many-keys', `More than ${MAX_KEY_SLOTS} password slots or keys`);
}

const tooLong = (draft: AccountDraft) =>
  [draft.issuer, draft.label, draft.name].some((name) => name.length > MAX_NAME_LENGTH);

/** A name for the report, cut to MAX_NAME_LENGTH: the report names an entry, it need not hold it whole. */
const shortened = (name: string) =>
  name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH - 1)}…` : name;

/**
 * The limits every format's result is held to: too many entries refuse the whole file; an account
 * with a longer name is not imported but named in the report ('name-too-long'), as any other entry
 * that cannot be used.
 */
export function limitResult(result: ImportResult): ImportResult {
  checkEntryCount(result.accounts.length + result.rejected.length);
  const rejected: RejectedEntry[] = result.rejected.map((entry) => ({
    ...entry,
    name: shortened(entry.name),
  }));
  const accounts: AccountDraft[] = [];
  for (const draft of result.accounts) {
    if (tooLong(draft))
      rejected.push({ name: shortened(entryName(draft.issuer, draft.label)), reason: 'name-too-long' });
    else accounts.push(draft);
  }
  return { ...result, accounts, rejected };
}

/** The reading with limitResult applied to its result, now or once unlocked. */
export function limitReading(reading: ImportReading): ImportReading {
  if (reading.status === 'ready') return { status: 'ready', result: limitResult(reading.result) };
  return { ...reading, unlock: async (passphrase) => limitResult(await reading.unlock(passphrase)) };
}
