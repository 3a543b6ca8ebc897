// @vitest-environment happy-dom
/**
 * A row's parts as the stylesheet lays them out (the layout itself is checked in real Chromium,
 * e2e/popup-layout.test.ts): the menu on a line of its own in the row, the fill button's weight,
 * the scan button's icon.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, click, draft, type Popup, renderPopup, rowByName, waitFor } from './popup-fixtures';

let popup: Popup | undefined;
afterEach(() => {
  popup?.unmount();
  popup = undefined;
});

const PORTAL = 'https://portaal.example';

describe('an account row', () => {
  it('opens its menu as a line of the row (a grid item of its own), not a box inside its buttons', async () => {
    popup = await renderPopup([draft('Balie')]);
    const row = await waitFor(() => rowByName((popup as Popup).container, 'Balie'));
    await click(byTestId(row, 'actions'));
    const menu = byTestId(row, 'delete').parentElement;
    expect(menu?.classList.contains('action-menu')).toBe(true);
    expect(menu?.parentElement).toBe(row);
    expect(byTestId(row, 'actions').getAttribute('aria-controls')).toBe(menu?.id);
    expect(byTestId(row, 'actions').parentElement).toBe(row);
  });

  it('gives "Invullen" the primary look only on the account of the page the popup was opened on', async () => {
    popup = await renderPopup([draft('Portaal', { origins: [PORTAL] }), draft('Elders')], undefined, {
      site: PORTAL,
    });
    const { container } = popup;
    const fill = (name: string) => byTestId(rowByName(container, name), 'fill');
    await waitFor(() => expect(rowByName(container, 'Portaal').dataset.match).toBe('site'));
    expect(fill('Portaal').classList.contains('secondary')).toBe(false);
    expect(fill('Elders').classList.contains('secondary')).toBe(true);
  });

  it('on a page that is none of the accounts’ sites, every "Invullen" is secondary', async () => {
    popup = await renderPopup([draft('Portaal', { origins: [PORTAL] })], undefined, {
      site: 'https://elders.example',
    });
    const row = await waitFor(() => rowByName((popup as Popup).container, 'Portaal'));
    expect(byTestId(row, 'fill').classList.contains('secondary')).toBe(true);
  });
});

describe('the scan button', () => {
  it('shows a viewfinder with one line across the middle (the manual’s "vierkantje met het streepje erin")', async () => {
    popup = await renderPopup();
    const paths = Array.from(byTestId(popup.container, 'scan').querySelectorAll('svg path')).map(
      (path) => path.getAttribute('d') ?? '',
    );
    // Four open corners, and no dots or other closed shapes inside them.
    expect(paths.join(' ')).not.toMatch(/z/i);
    expect(paths).toContain('M4 12h16');
    expect(paths).toHaveLength(2);
  });
});
