import { useMemo } from 'preact/hooks';
import { currentCode, type HotpSettings } from '../../otp';
import { formatCode } from '../format-code';

/** A HOTP code at the stored counter; the row's "next code" button moves the counter on. */
export function HotpCode({ account }: { account: HotpSettings }) {
  const code = useMemo(() => formatCode(currentCode(account)), [account]);
  return (
    <span class="code-box">
      <span class="code" data-testid="code">
        {code}
      </span>
    </span>
  );
}
