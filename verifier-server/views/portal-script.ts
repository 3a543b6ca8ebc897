/**
 * The portal's one script, served at /static/portal.js (the CSP allows scripts from the portal
 * itself, and no inline script). Every page works without it; it adds what users notice:
 *
 * - A page that has sent a form sends none again while the answer is on the way (up to 10 s,
 *   until Escape, which stops the loading, or until the page comes back from the back/forward
 *   cache). A double click on "Inloggen" otherwise
 *   sends the code twice: the first moves the session to a new id, the browser shows the second's
 *   answer, which no longer finds the session, and the user lands on the login page with the code
 *   spent. The same for "Verstuur code" (two messages) and "Opslaan". The form is marked
 *   aria-busy, so its buttons show the progress cursor.
 * - The user menu closes on Escape (the focus back on its button), on a click elsewhere, and when
 *   the focus leaves it.
 * - A message carried across a redirect takes the focus, unless a field has autofocus.
 *
 * Plain JavaScript in a string: the verifier serves it as it is, with nothing to build.
 */
export const PORTAL_SCRIPT = `"use strict";
(() => {
  const RESEND_AFTER_MS = 10000;
  let sentAt = -Infinity;
  document.addEventListener("submit", (event) => {
    if (event.defaultPrevented || !(event.target instanceof HTMLFormElement)) return;
    const now = performance.now();
    if (now - sentAt < RESEND_AFTER_MS) {
      event.preventDefault();
      return;
    }
    sentAt = now;
    event.target.setAttribute("aria-busy", "true");
  });
  const forget = () => {
    sentAt = -Infinity;
    for (const form of document.querySelectorAll("form[aria-busy]")) form.removeAttribute("aria-busy");
  };
  addEventListener("pageshow", (event) => {
    if (event.persisted) forget();
  });

  // A message carried across a redirect ("… is toegevoegd") is there as the page loads, and a
  // screen reader says a status only when it changes: it takes the focus, so it is read, unless
  // a field is to take it (autofocus: the user types next; found by an accessibility review).
  const flash = document.querySelector('main > .notice[role="status"], main > .alert[role="alert"]');
  if (flash !== null && document.querySelector("[autofocus]") === null) {
    flash.tabIndex = -1;
    flash.focus();
  }

  const menuOf = (node) => (node instanceof Element ? node.closest("details.menu") : null);
  const closeMenus = (except) => {
    for (const menu of document.querySelectorAll("details.menu[open]")) if (menu !== except) menu.open = false;
  };
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    // Escape stops the browser loading: the answer awaited will not come, so forms work again.
    forget();
    const menu = menuOf(document.activeElement);
    if (menu === null || !menu.open) return closeMenus(null);
    menu.open = false;
    menu.querySelector("summary")?.focus();
  });
  document.addEventListener("click", (event) => closeMenus(menuOf(event.target)));
  document.addEventListener("focusin", (event) => closeMenus(menuOf(event.target)));
})();
`;
