import type { VNode } from 'preact';
import { type Account, displayName } from '../../otp';
import { displayCode } from '../code-cache';

/**
 * A light row: the name and the current code, nothing else, as plain elements (no component, no
 * hooks, no listeners of its own; the list handles its click and keys). Rows below the first
 * screenful are rendered like this first, so all 1,000 codes are in the DOM within one short
 * render, and are then replaced by full rows a chunk at a time. The data-testid contract holds.
 */
export function liteRow(account: Account, now: number): VNode {
  return (
    <li key={account.id} class="account lite" data-testid="account" data-id={account.id}>
      {/* No row hint: its keys (Alt+arrows, F2, Delete) work once the row is full, a moment later. */}
      <button type="button" class="row-copy">
        <span class="account-name" data-testid="account-name">
          {displayName(account)}
        </span>
        <span class="code" data-testid="code">
          {displayCode(account, now)}
        </span>
      </button>
    </li>
  );
}
