import type { OptionsSection } from './open-options';

/**
 * From a popup button: opens the options page (at `section`) and closes the popup once it did.
 * The opening's code is fetched at the click (a few milliseconds, before a tab opens anyway), so
 * it is not in the JavaScript every popup opening loads.
 */
export function openOptionsFromPopup(section?: OptionsSection): void {
  void import('./open-options')
    // Not destructured: vite then wraps the import in less code (the popup's budget).
    .then((module) => module.openOptions(section))
    .then((opened) => opened && window.close());
}
