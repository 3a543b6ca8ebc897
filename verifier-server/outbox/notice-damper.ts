/**
 * At most one notice per key (a user) per `windowSeconds`, in this process: for notices an action
 * without any limit of its own would send (a rename), so that a stolen session cannot flood the
 * owner's mailbox. With several workers each may send one per window. The keys are bounded: past
 * `maxKeys` the oldest is forgotten (it may then send one more).
 */
export function createNoticeDamper(
  windowSeconds: number,
  maxKeys = 10_000,
): (key: string, now: number) => boolean {
  const last = new Map<string, number>();
  return (key, now) => {
    const at = last.get(key);
    if (at !== undefined && now - at < windowSeconds) return false;
    // Re-inserted, so the map's order is the order of the last notices: the first is the oldest.
    last.delete(key);
    last.set(key, now);
    if (last.size > maxKeys) {
      const oldest = last.keys().next();
      if (oldest.done !== true) last.delete(oldest.value);
    }
    return true;
  };
}
