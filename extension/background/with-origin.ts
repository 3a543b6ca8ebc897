import type { AccountDraft } from '../otp/account';

/** The scanned accounts with the page's origin as their site (issue 12); unchanged without one. */
export function withOrigin(drafts: readonly AccountDraft[], origin: string | undefined): AccountDraft[] {
  return origin === undefined ? [...drafts] : drafts.map((draft) => ({ ...draft, origins: [origin] }));
}
