// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { removeToast, showToast } from '../../../../extension/content/show-toast';

/** The toast hosts on the page (each toast lives in a closed shadow root of its own host). */
const hosts = () => Array.from(document.documentElement.children).filter((e) => e.tagName === 'DIV');

afterEach(() => {
  removeToast();
  vi.useRealTimers();
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
});
