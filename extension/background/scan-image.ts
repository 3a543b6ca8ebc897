import type { ScanSelectionMessage } from '../messages';
import { handleScanSelection } from './handle-scan-selection';
import { runPageHelper } from './run-page-helper';

/** The context menu entry on images ("QR-code scannen"). */
export const SCAN_IMAGE_MENU_ID = 'scan-qr-image';

/**
 * The context menu's "QR-code scannen" on an image (issue 12): the click grants activeTab, like
 * the toolbar; the image's box is found in the page and the visible tab is captured and cropped
 * to it, through the same pipeline and result messages as a drag-selected rectangle (the page's
 * site is recorded when the image is the page's own: by its address, servedByPage, and by its
 * pixels, ImageBox.foreign). An image the top frame does not show (in a frame, or gone): the whole
 * visible page is scanned instead, which finds the code if it is on screen, and the page is not
 * taken for its site (a frame may be another site's; the user can add it later).
 */
export async function scanImage(
  info: Pick<chrome.contextMenus.OnClickData, 'srcUrl' | 'frameId'>,
  tab: chrome.tabs.Tab | undefined,
): Promise<void> {
  if (tab?.id === undefined || info.srcUrl === undefined) return;
  const box =
    info.frameId === undefined || info.frameId === 0
      ? await runPageHelper(tab.id, 'locateImage', [info.srcUrl]).catch(() => null)
      : null;
  const message: ScanSelectionMessage = {
    type: 'scan-selection',
    rect: box?.rect ?? null,
    viewportWidth: box?.viewportWidth ?? 0,
  };
  await handleScanSelection(message, tab, {
    recordSite: box != null && !box.framed && !box.foreign && servedByPage(info.srcUrl, tab.url),
  });
}

/**
 * Whether the image comes from the page's own site: its origin (a `blob:` URL's is its maker's),
 * or a `data:` URL, which the page wrote itself. Another site's image shown by the page (an
 * `<img>` of that site's QR code, fetched with the user's cookies there) must not give that
 * account the page as its site, where its code would then be filled without a question.
 */
function servedByPage(srcUrl: string, pageUrl: string | undefined): boolean {
  if (/^data:/i.test(srcUrl)) return true;
  try {
    return pageUrl !== undefined && new URL(srcUrl).origin === new URL(pageUrl).origin;
  } catch {
    return false;
  }
}
