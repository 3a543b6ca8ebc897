import { useLayoutEffect } from 'preact/hooks';

/**
 * Calls `hide` when the page loses focus or is hidden (another window, another tab, the screen
 * locked), so a QR code with a secret is not left on screen for whoever comes by. Active while
 * `shown` is true; the listeners go with one AbortController. Attached before the code is painted
 * (a layout effect): a focus lost at that very moment must hide it too.
 */
export function useHideOnBlur(shown: boolean, hide: () => void): void {
  useLayoutEffect(() => {
    if (!shown) return;
    const controller = new AbortController();
    window.addEventListener('blur', hide, { signal: controller.signal });
    document.addEventListener(
      'visibilitychange',
      () => {
        if (document.visibilityState === 'hidden') hide();
      },
      { signal: controller.signal },
    );
    return () => controller.abort();
  }, [shown, hide]);
}
