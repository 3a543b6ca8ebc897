import { useEffect, useRef, useState } from 'preact/hooks';
import { useSecretExportsAllowed } from '../hooks/use-secret-exports';
import { isolateText } from '../isolate-text';
import { t } from '../t';

interface RowActionsProps {
  readonly id: string;
  readonly name: string;
  readonly pinned: boolean;
  readonly canMoveUp: boolean;
  readonly canMoveDown: boolean;
  readonly onPin: () => void;
  readonly onRename: () => void;
  readonly onMove: (delta: -1 | 1) => void;
  /** Undefined when the policy allowDeleteAccounts is off: the menu has no "Verwijderen". */
  readonly onDelete: (() => void) | undefined;
  readonly onShowQr: () => void;
  readonly onEditSites: () => void;
}

/**
 * The "more" button and the actions it reveals (a disclosure: plain buttons, Tab to reach them).
 * Two siblings, not one box: the row's grid puts the menu on a line of its own under the row, in
 * the page's flow. Floating over the list it was clipped by the list's scroll box, and with one or
 * two accounts most of it could be reached only by scrolling inside that short list.
 */
export function RowActions(props: RowActionsProps) {
  const [open, setOpen] = useState(false);
  const menuId = `actions-${props.id}`;
  const toggle = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  // The last rows of a long list: the menu opens below the fold of the list's scroll box.
  useEffect(() => {
    if (open) menu.current?.scrollIntoView?.({ block: 'nearest' });
  }, [open]);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    setOpen(false);
    toggle.current?.focus();
  };
  const run = (action: () => void) => () => {
    setOpen(false);
    // The item goes with the menu: the focus stays on the row (a form the action opens takes it).
    toggle.current?.focus();
    action();
  };
  return (
    <>
      <button
        ref={toggle}
        type="button"
        class="icon-button row-actions-toggle"
        data-testid="actions"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={t('actionsFor', isolateText(props.name))}
        title={t('actions')}
        onClick={() => setOpen(!open)}
        onKeyDown={closeOnEscape}
      >
        <span aria-hidden="true">⋮</span>
      </button>
      {open && (
        <div ref={menu} class="action-menu" id={menuId}>
          <button type="button" data-testid="pin" onKeyDown={closeOnEscape} onClick={run(props.onPin)}>
            {props.pinned ? t('unpin') : t('pin')}
          </button>
          <button type="button" data-testid="rename" onKeyDown={closeOnEscape} onClick={run(props.onRename)}>
            {t('rename')}
          </button>
          <button
            type="button"
            data-testid="move-up"
            onKeyDown={closeOnEscape}
            disabled={!props.canMoveUp}
            onClick={run(() => props.onMove(-1))}
          >
            {t('moveUp')}
          </button>
          <button
            type="button"
            data-testid="move-down"
            onKeyDown={closeOnEscape}
            disabled={!props.canMoveDown}
            onClick={run(() => props.onMove(1))}
          >
            {t('moveDown')}
          </button>
          <button
            type="button"
            data-testid="edit-sites"
            onKeyDown={closeOnEscape}
            onClick={run(props.onEditSites)}
          >
            {t('editSites')}
          </button>
          <ShowQrItem onKeyDown={closeOnEscape} onClick={run(props.onShowQr)} />
          {props.onDelete !== undefined && (
            <button
              type="button"
              class="danger"
              data-testid="delete"
              onKeyDown={closeOnEscape}
              onClick={run(props.onDelete)}
            >
              {t('delete')}
            </button>
          )}
        </div>
      )}
    </>
  );
}

/** "QR-code tonen voor een telefoon", unless exports that reveal secrets are turned off. */
function ShowQrItem({
  onKeyDown,
  onClick,
}: {
  onKeyDown: (event: KeyboardEvent) => void;
  onClick: () => void;
}) {
  if (!useSecretExportsAllowed()) return null;
  return (
    <button type="button" data-testid="show-qr" onKeyDown={onKeyDown} onClick={onClick}>
      {t('showQr')}
    </button>
  );
}
