import type { Account } from '../otp';

/**
 * The list with account `id` moved to the place of `targetId`, or undefined when the move is not
 * possible. Pinned accounts stay above the others, so a move never crosses that boundary.
 */
export function moveAccount(
  accounts: readonly Account[],
  id: string,
  targetId: string,
): Account[] | undefined {
  const from = accounts.findIndex((a) => a.id === id);
  const to = accounts.findIndex((a) => a.id === targetId);
  const moving = accounts[from];
  const target = accounts[to];
  if (moving === undefined || target === undefined || from === to) return undefined;
  if (moving.pinned !== target.pinned) return undefined;
  const result = accounts.filter((a) => a.id !== id);
  result.splice(to, 0, moving);
  // Renumber so the stored `order` matches the list; unchanged accounts keep their identity
  // (and so their memoised rows and codes).
  return result.map((account, order) => (account.order === order ? account : { ...account, order }));
}
