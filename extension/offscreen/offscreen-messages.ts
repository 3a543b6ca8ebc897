/**
 * Worker → offscreen document: the clipboard-clearing channel. Runtime messages reach every
 * extension page, so each carries its target and the document ignores everything else.
 */
export const OFFSCREEN_TARGET = 'offscreen-clipboard';

export type OffscreenMessage =
  /** Clear `text` at `clearAt` (ms since the epoch) if the clipboard still holds it. */
  | {
      readonly target: typeof OFFSCREEN_TARGET;
      readonly type: 'clear-at';
      readonly text: string;
      readonly clearAt: number;
    }
  /** The vault was locked: do the pending check now. */
  | { readonly target: typeof OFFSCREEN_TARGET; readonly type: 'clear-now' };

export function isOffscreenMessage(value: unknown): value is OffscreenMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.target !== OFFSCREEN_TARGET) return false;
  if (m.type === 'clear-now') return true;
  return m.type === 'clear-at' && typeof m.text === 'string' && typeof m.clearAt === 'number';
}
