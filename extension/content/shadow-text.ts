/**
 * Gives an element in the overlay's or the toast's closed shadow root its user-visible text as CSS
 * generated content (`[data-text]::before` in OVERLAY_CSS), never as a text node.
 *
 * A closed shadow root hides its nodes from the page's scripts, but not its text from
 * `window.find()`, which searches it as it searches the page: with the text in a text node, a page
 * could find "kluis" or "vault" and so tell the scan's outcomes apart (done, held by a locked
 * vault, no code, failed) and learn the browser's language. `window.find()` (like the user's own
 * find in page) does not search generated content, and neither does anything else a page can
 * call (textContent, innerText, selections); the attribute itself lies in the closed shadow root,
 * out of the page's reach. Chromium still renders the text and puts it in the accessibility tree,
 * so screen readers read it as before, inside the element's role (`status`).
 */
export function setShadowText(element: HTMLElement, text: string): void {
  element.dataset.text = text;
}
