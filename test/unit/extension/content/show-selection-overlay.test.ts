// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { showSelectionOverlay } from '../../../../extension/content/show-selection-overlay';
import { expectAdoptedStyles, findableText, recordShadowRoots } from './shadow-roots';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the drag-select overlay on the page', () => {
  test('its hint is generated content, not a text node a page could window.find()', () => {
    const roots = recordShadowRoots();
    const hint =
      'Sleep met de muis een rechthoek over de QR-code — Esc om te stoppen, Enter voor de hele pagina';
    const overlay = showSelectionOverlay(hint);
    try {
      const [root] = roots;
      if (!root) throw new Error('no shadow root');
      expect(root.mode).toBe('closed');
      expect(findableText(root)).toBe('');
      const hintBox = root.querySelector('.hint');
      expect(hintBox?.getAttribute('data-text')).toBe(hint);
      expect(hintBox?.getAttribute('role')).toBe('status');
      // Not a <style>: a page's CSP could refuse that, leaving the hint empty.
      expectAdoptedStyles(root);
    } finally {
      overlay.remove();
    }
    expect(document.documentElement.children).toHaveLength(2);
  });
});
