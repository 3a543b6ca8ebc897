/** Styles inside the closed shadow root: page CSS cannot reach them, and they cannot leak out. */
export const OVERLAY_CSS = `
:host { all: initial; }
.layer { position: fixed; inset: 0; z-index: 2147483647; cursor: crosshair; touch-action: none;
  background: rgba(15, 23, 42, 0.35); font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.layer.selecting, .layer.page { background: transparent; }
.layer.page > * { display: none !important; }
/* The selection itself stays clear, since it is what the worker crops from the capture: the white
   and blue lines and the dimming are shadows, drawn outside the box (which has no border). */
.box { position: fixed; display: none; pointer-events: none;
  box-shadow: 0 0 0 2px #fff, 0 0 0 3px #1f5fa8, 0 0 0 100vmax rgba(15, 23, 42, 0.35); }
.hint, .toast { position: fixed; left: 50%; top: 16px; transform: translateX(-50%); max-width: min(90vw, 560px);
  padding: 10px 16px; border-radius: 8px; background: #0f2f57; color: #fff; box-shadow: 0 6px 20px rgba(0,0,0,.3);
  pointer-events: none; text-align: center; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.toast { z-index: 2147483647; }
/* Texts are generated content, not text nodes: window.find() searches closed shadow roots
   (shadow-text.ts). */
[data-text]::before { content: attr(data-text); }
.toast.failed { background: #8c1d18; }
`;

/**
 * Gives a shadow root OVERLAY_CSS as a constructed stylesheet (`adoptedStyleSheets`), not a
 * <style> element. The page's Content-Security-Policy governs <style> elements, and Chromium
 * exempts the content script's only while it inserts them: a page with `style-src` without
 * 'unsafe-inline' that re-inserts the host (its script can reach that, on <html>) has the <style>
 * parsed again under its own CSP, blocked. The hint and the toast would then show nothing, their
 * texts being generated content (shadow-text.ts), and the page would get a
 * `securitypolicyviolation` event (and report) sampling the extension's CSS. CSP does not govern
 * constructed stylesheets, and they stay adopted wherever the host goes.
 */
export function adoptOverlayStyles(root: ShadowRoot): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(OVERLAY_CSS);
  root.adoptedStyleSheets = [sheet];
}
