import type { ComponentChildren } from 'preact';

/** The popup toolbar's line icons: 22 px, drawn with the text colour, hidden from screen readers. */
export function ToolbarIcon({ children }: { readonly children: ComponentChildren }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="22"
      height="22"
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
