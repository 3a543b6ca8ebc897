import { siteOrigin } from '../otp/site-origin';

/** The tab the user acted on no longer shows that page (or is no longer the one in front). */
export class PageChangedError extends Error {
  override readonly name = 'PageChangedError';
}

/**
 * captureVisibleTab takes whatever the window shows when Chrome gets to it. Between the user's
 * action (the end of a drag, the context menu's click) and the capture, the page may have gone to
 * another site, or another tab come to the front: that capture is not what the user selected, and
 * the site recorded with it (the page the user acted on, `tab.url`) would be given to a code that
 * another page showed, which later fills there without asking. Such a capture is refused; the
 * scan says it failed, and nothing is stored. Checked after the capture: a change before it shows.
 */
export async function assertStillShowing(tab: chrome.tabs.Tab): Promise<void> {
  const now = tab.id === undefined ? undefined : await chrome.tabs.get(tab.id).catch(() => undefined);
  if (
    now === undefined ||
    !now.active ||
    now.windowId !== tab.windowId ||
    siteOrigin(now.url) !== siteOrigin(tab.url)
  )
    throw new PageChangedError('the tab no longer shows the page the scan was started on');
}
