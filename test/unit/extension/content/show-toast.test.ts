// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { OVERLAY_CSS } from '../../../../extension/content/overlay-styles';
import { removeToast, showToast } from '../../../../extension/content/show-toast';
import { expectAdoptedStyles, findableText, recordShadowRoots } from './shadow-roots';

/** The toast hosts on the page (each toast lives in a closed shadow root of its own host). */
const hosts = () => Array.from(document.documentElement.children).filter((e) => e.tagName === 'DIV');

afterEach(() => {
  removeToast();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the scan toast on the page', () => {
  test('a second scan replaces the first toast: never two on the page', () => {
    showToast('QR-code gelezen.', false);
    showToast('Scannen is niet gelukt.', true);
    expect(hosts()).toHaveLength(1);
  });

  test('removeToast (a new scan starting) takes it away before the capture', () => {
    showToast('QR-code gelezen.', false);
    expect(hosts()).toHaveLength(1);
    removeToast();
    expect(hosts()).toHaveLength(0);
  });

  test('it goes by itself after 4 s', () => {
    vi.useFakeTimers();
    showToast('QR-code gelezen.', false);
    vi.advanceTimersByTime(3_999);
    expect(hosts()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(hosts()).toHaveLength(0);
  });

  test('its text is generated content, not a text node a page could window.find()', () => {
    const roots = recordShadowRoots();
    showToast('QR-code gelezen. Ontgrendel de kluis.', false);
    const [root] = roots;
    if (!root) throw new Error('no shadow root');
    expect(root.mode).toBe('closed');
    expect(findableText(root)).toBe('');
    const toast = root.querySelector('.toast');
    expect(toast?.getAttribute('data-text')).toBe('QR-code gelezen. Ontgrendel de kluis.');
    expect(toast?.getAttribute('role')).toBe('status');
    expect(OVERLAY_CSS).toContain('[data-text]::before { content: attr(data-text); }');
  });

  test('its styles are an adopted stylesheet, which no page CSP can refuse, not a <style>', () => {
    const roots = recordShadowRoots();
    showToast('QR-code gelezen.', false);
    const [root] = roots;
    if (!root) throw new Error('no shadow root');
    expectAdoptedStyles(root);
  });
});
