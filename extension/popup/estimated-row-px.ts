/**
 * The height of an account row before any row was measured (useVisibleRows): a row with a name,
 * a details line and the code, summed from popup.css. Under its 6 px padding top and bottom and
 * its 1 px bottom border, `.account-name` (14 px text at the page's line height of 1.4),
 * `.account-details` (13 px at 1.3), `.code-box`'s 2 px margin and its line, the code's 22 px at
 * 1.1 (the 24 px countdown beside it is lower). Chromium lays it out at 75.7 px (to its 1/64 px);
 * `test/e2e/popup-layout.test.ts` measures real rows against this figure, so a change to the
 * stylesheet that moves the row's height fails there until the sum here follows.
 */
export const ESTIMATED_ROW_PX = 6 + 14 * 1.4 + 13 * 1.3 + 2 + 22 * 1.1 + 6 + 1;
