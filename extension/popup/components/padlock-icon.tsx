import { ToolbarIcon } from './toolbar-icon';

/**
 * A closed padlock: the lock button's icon, and the mark beside what the organisation's policy
 * fixed. Drawn, not the 🔒 emoji, which shows as an empty box on a Linux workstation without an
 * emoji font.
 */
export function PadlockIcon({ size }: { readonly size?: number }) {
  return (
    <ToolbarIcon size={size}>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </ToolbarIcon>
  );
}
