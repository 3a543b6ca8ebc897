import { useCallback, useRef } from 'preact/hooks';
import { requestClipboardPermission } from '../../clipboard/clipboard-permission';
import type { ClipboardCopiedReply } from '../../messages';
import { clearClipboardLater } from '../clear-clipboard-later';
import { type ClipboardQuestion, storedClipboardQuestion } from '../clipboard-question';
import { copyText } from '../copy-text';
import { t } from '../t';
import type { ToastMessage } from './use-toast';

export interface CopyDeps {
  /** Asks for the code copied at `copiedAt` to be cleared later (default: the service worker). */
  readonly clearLater?: (code: string, copiedAt: number) => Promise<ClipboardCopiedReply | undefined>;
  /** The optional clipboard permissions (default: chrome.permissions.request, from the click). */
  readonly requestPermission?: () => Promise<boolean>;
  /** Whether the popup asked for them before (default: chrome.storage.local). */
  readonly question?: ClipboardQuestion;
}

/**
 * Copies a code and says what becomes of it: cleared after N seconds, or (without the optional
 * clipboard permissions) left on the clipboard, with a button that asks for them and then clears
 * this code too. The toast is the one place the user looks right after copying. That question is
 * asked once in this browser profile: staff copy codes several times a day, and a user who let it
 * pass (or refused Chrome's own prompt, which follows the button) is not asked again; the options
 * page's "Klembord" part still offers the permissions.
 */
export function useCopyCode(
  showToast: (message: ToastMessage, ms?: number) => void,
  {
    clearLater = clearClipboardLater,
    requestPermission = requestClipboardPermission,
    question = storedClipboardQuestion,
  }: CopyDeps = {},
): (code: string, note?: string) => void {
  const asked = useRef(false);
  return useCallback(
    (code: string, note?: string) => {
      // A note (why the code was copied, e.g. no field to fill) goes before whatever follows.
      const show = (message: ToastMessage, ms?: number) =>
        showToast(note === undefined ? message : { ...message, text: `${note} ${message.text}` }, ms);
      // Before the write: a lock from this moment on counts as after the copy.
      const copiedAt = Date.now();
      const grant = async () => {
        if (!(await requestPermission().catch(() => false)))
          return showToast({ text: t('clipboardNotGranted') });
        const reply = await clearLater(code, copiedAt).catch(() => undefined);
        showToast({
          text: reply?.clearing === 'scheduled' ? t('clipboardGranted') : t('clipboardNotGranted'),
        });
      };
      const copy = async () => {
        // Not after a note that says to paste the code: it was not copied.
        if (!(await copyText(code))) return showToast({ text: t('copyFailed') });
        const reply = await clearLater(code, copiedAt).catch(() => undefined);
        if (reply?.clearing === 'scheduled') {
          const text = reply.seconds === 1 ? t('copiedClearsOne') : t('copiedClears', reply.seconds);
          return show({ text }, 4000);
        }
        if (reply?.clearing === 'no-permission') {
          // Asked before (in this popup or the profile): the code stays, and the popup says so.
          if (asked.current) return show({ text: t('copiedStays') });
          // Taken at once, before the stored answer arrives: two quick copies ask once.
          asked.current = true;
          if (await question.wasAsked().catch(() => true)) return show({ text: t('copiedStays') });
          void question.remember();
          return show(
            {
              text: t('copiedNotCleared'),
              action: { label: t('clipboardGrant'), testId: 'clipboard-grant', run: () => void grant() },
            },
            10_000,
          );
        }
        show({ text: t('copied') });
      };
      void copy();
    },
    [showToast, clearLater, requestPermission, question],
  );
}
