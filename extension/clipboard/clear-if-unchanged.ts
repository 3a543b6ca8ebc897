/** The clipboard as the offscreen document reaches it; tests pass a fake. */
export interface ClipboardAccess {
  /** The clipboard's text; undefined when the browser refuses to read it (no permission). */
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

/**
 * 'cleared': it still held the code and now holds nothing; 'changed': something else was copied
 * since, left alone; 'unreadable': it could not be read, so nothing was touched.
 */
export type ClearOutcome = 'cleared' | 'changed' | 'unreadable';

/**
 * Empties the clipboard only if it still holds `copied`. Never blindly: whatever staff copied
 * after the code (a patient number, a sentence) stays. Unreadable means untouched.
 */
export async function clearIfUnchanged(clipboard: ClipboardAccess, copied: string): Promise<ClearOutcome> {
  let current: string | undefined;
  try {
    current = await clipboard.read();
  } catch {
    return 'unreadable';
  }
  if (current === undefined) return 'unreadable';
  if (current !== copied) return 'changed';
  await clipboard.write('');
  return 'cleared';
}
