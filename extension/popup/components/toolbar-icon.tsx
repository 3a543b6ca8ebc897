import type { ComponentChildren } from 'preact';

/**
 * The popup toolbar's line icons: 22 px unless told, drawn with the text colour, hidden from
 * screen readers (the button or text beside them says what they mean). An icon button is named by
 * its `title` alone: an equal aria-label beside it made Chromium read the name again as the
 * button's description.
 */
export function ToolbarIcon({
  children,
  size = 22,
}: {
  readonly children: ComponentChildren;
  readonly size?: number;
}) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      {children}
    </svg>
  );
}
