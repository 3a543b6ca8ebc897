/**
 * The service worker: registers listeners synchronously at top level and only wires.
 * (An MV3 worker is stopped when idle; listeners registered later would miss the wake-up event.)
 */
chrome.runtime.onInstalled.addListener(() => {
  // Nothing to migrate yet: the vault upgrades its own IndexedDB schema when opened.
});
