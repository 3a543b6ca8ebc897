import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from './t';

/**
 * A component whose code is fetched with import() the first time it is shown (or earlier, by
 * `preload`), so it stays out of the JavaScript every popup opening loads: panels that only a click
 * opens (the manual entry form, a row's QR code and websites, the fill question). Until the module
 * is there (a few milliseconds; none once preloaded) it renders nothing. A failed load (typically:
 * the extension was updated while the popup was open, and the old file is gone) says so in the
 * panel's place, and is tried again the next time the panel is shown.
 */
export interface LazyComponent<P> extends FunctionComponent<P> {
  /** Starts the fetch now (the popup calls it when it is idle after its first paint). */
  preload(): Promise<unknown>;
}

/** In place of a panel whose code could not be fetched. */
function LoadFailed() {
  return (
    <p class="notice error" role="alert" data-testid="lazy-failed">
      {t('errorLoad')}
    </p>
  );
}

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const fetchOnce = () => {
    pending ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  function Lazy(props: P) {
    const [component, setComponent] = useState(() => loaded);
    useEffect(() => {
      if (component !== undefined) return;
      let shown = true;
      fetchOnce().then(
        (ready) => shown && setComponent(() => ready),
        () => shown && setComponent(() => LoadFailed),
      );
      return () => {
        shown = false;
      };
    }, [component]);
    const Component = component;
    return Component === undefined ? null : <Component {...props} />;
  }
  return Object.assign(Lazy, { preload: () => fetchOnce().catch(() => undefined) });
}
