import type { HotpSettings } from '../../otp';
import { displayCode } from '../code-cache';
import { spelledCode } from '../spelled-code';

/** A HOTP code at the stored counter; the row's "next code" button moves the counter on. */
export function HotpCode({ account }: { account: HotpSettings }) {
  const code = displayCode(account, Date.now());
  return (
    <span class="code-box">
      <span class="code" data-testid="code" aria-hidden="true">
        {code}
      </span>
      <span class="sr-only">{spelledCode(code)}</span>
    </span>
  );
}
