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
      'Sleep met de muis een rechthoek over de QR-code — Esc om te stoppen, Enter om de hele pagina te scannen';
    const overlay = showSelectionOverlay(hint, 'QR-code scannen');
    try {
      const [root] = roots;
      if (!root) throw new Error('no shadow root');
      expect(root.mode).toBe('closed');
      expect(findableText(root)).toBe('');
      const hintBox = root.querySelector('.hint');
      expect(hintBox?.getAttribute('data-text')).toBe(hint);
      // The focus lands on a named dialog that the hint describes: a screen reader says both.
      const layer = root.querySelector('.layer');
      expect(root.activeElement).toBe(layer);
      expect(layer?.getAttribute('role')).toBe('dialog');
      expect(layer?.getAttribute('aria-label')).toBe('QR-code scannen');
      expect(root.getElementById(layer?.getAttribute('aria-describedby') ?? '')).toBe(hintBox);
      // Not a <style>: a page's CSP could refuse that, leaving the hint empty.
      expectAdoptedStyles(root);
    } finally {
      overlay.remove();
    }
    expect(document.documentElement.children).toHaveLength(2);
  });
});
