import type { HotpSettings } from '../../otp';
import { displayCode } from '../code-cache';

/** A HOTP code at the stored counter; the row's "next code" button moves the counter on. */
export function HotpCode({ account }: { account: HotpSettings }) {
  const code = displayCode(account, Date.now());
  return (
    <span class="code-box">
      <span class="code" data-testid="code">
        {code}
      </span>
    </span>
  );
}
