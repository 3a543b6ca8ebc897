import { FILL_NOTICE_KEY } from '../fill-notice';
import { chromeFillDeps } from './chrome-fill-deps';
import { fillByCommand } from './fill-by-command';

/** The fill command with Chrome's parts: the popup it opens finds the notice in session storage. */
export async function fillByCommandNow(tab: chrome.tabs.Tab | undefined): Promise<void> {
  const deps = await chromeFillDeps();
  await fillByCommand(tab, {
    ...deps,
    openPopup: async (notice) => {
      await chrome.storage.session.set({ [FILL_NOTICE_KEY]: notice });
      // No focused window (or a Chrome without it): the notice waits for the user to open the popup.
      await chrome.action.openPopup().catch(() => undefined);
    },
  });
}
