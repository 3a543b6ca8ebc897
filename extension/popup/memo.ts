import { type Component, type FunctionComponent, h } from 'preact';

/**
 * Skips re-rendering while the props are shallowly equal: preact/compat's `memo`, without
 * pulling compat into the popup bundle. Rows use it so a change to one account re-renders one row.
 */
export function memo<P extends object>(render: FunctionComponent<P>): FunctionComponent<P> {
  function shouldUpdate(this: Component<P>, next: P): boolean {
    const previous = this.props as Record<string, unknown>;
    const keys = Object.keys(next) as (keyof P & string)[];
    return keys.length !== Object.keys(previous).length || keys.some((key) => previous[key] !== next[key]);
  }
  function Memoed(this: Component<P>, props: P) {
    this.shouldComponentUpdate = shouldUpdate;
    return h(render, props);
  }
  Memoed.displayName = `Memo(${render.displayName ?? render.name})`;
  return Memoed;
}
