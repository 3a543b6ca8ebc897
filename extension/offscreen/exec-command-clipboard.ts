import type { ClipboardAccess } from '../clipboard/clear-if-unchanged';

/**
 * The clipboard from an offscreen document. navigator.clipboard needs a focused document, and an
 * offscreen document can never be focused; document.execCommand('paste'/'copy') works without
 * focus in an extension page that holds clipboardRead/clipboardWrite, and fails (returns false)
 * without them.
 */
export function execCommandClipboard(doc: Document = document): ClipboardAccess {
  return {
    async read() {
      let text: string | undefined;
      const onPaste = (event: ClipboardEvent) => {
        text = event.clipboardData?.getData('text/plain') ?? '';
        event.preventDefault();
      };
      // The paste goes to the focused element: a textarea, so there is one to receive it.
      const area = doc.createElement('textarea');
      doc.body.append(area);
      area.focus();
      doc.addEventListener('paste', onPaste);
      try {
        if (!doc.execCommand('paste')) return undefined;
        return text ?? area.value;
      } finally {
        doc.removeEventListener('paste', onPaste);
        area.remove();
      }
    },
    async write(text) {
      const onCopy = (event: ClipboardEvent) => {
        event.clipboardData?.setData('text/plain', text);
        event.preventDefault();
      };
      doc.addEventListener('copy', onCopy);
      try {
        if (!doc.execCommand('copy')) throw new Error('the browser refused to write the clipboard');
      } finally {
        doc.removeEventListener('copy', onCopy);
      }
    },
  };
}
