import { chromeApi } from './chrome-api';

/** Set once the popup has offered the clipboard permissions (chrome.storage.local, this profile). */
const ASKED_KEY = 'popup.clipboardQuestionAsked';

/** Whether the popup has asked before, and remembering that it has: it asks once per profile. */
export interface ClipboardQuestion {
  wasAsked(): Promise<boolean>;
  remember(): Promise<void>;
}

/**
 * The popup's own record, in the profile's local storage. Without storage (tests without a fake
 * `chrome`) it was never asked, and nothing is kept.
 */
export const storedClipboardQuestion: ClipboardQuestion = {
  async wasAsked() {
    const local = chromeApi()?.storage?.local;
    if (local === undefined) return false;
    const stored = await local.get(ASKED_KEY).catch(() => ({}) as Record<string, unknown>);
    return stored[ASKED_KEY] === true;
  },
  async remember() {
    await chromeApi()
      ?.storage?.local?.set({ [ASKED_KEY]: true })
      .catch(() => undefined);
  },
};
