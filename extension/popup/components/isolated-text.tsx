import type { JSX } from 'preact';
import { stripInvisible } from '../../otp/strip-invisible';

type Props = { readonly text: string } & Omit<JSX.HTMLAttributes<HTMLElement>, 'children' | 'dir'>;

/**
 * A name or site from elsewhere as an element of its own: a <bdi> (direction from its own first
 * letter, isolated from its neighbours: the code, the "Deze website" mark, the other names), with
 * its own bidirectional and invisible characters dropped, as isolateText does in a sentence.
 */
export function IsolatedText({ text, ...attributes }: Props) {
  return (
    <bdi dir="auto" {...attributes}>
      {stripInvisible(text)}
    </bdi>
  );
}
