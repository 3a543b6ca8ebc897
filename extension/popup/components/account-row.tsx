import { Fragment } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { type Account, accountTitle, displayName } from '../../otp';
import type { AccountPatch } from '../../vault';
import { isolateText } from '../isolate-text';
import { memo } from '../memo';
import { t } from '../t';
import { AccountQr } from './account-qr';
import { DeleteConfirm } from './delete-confirm';
import { HotpCode } from './hotp-code';
import { IsolatedText } from './isolated-text';
import { RenameField } from './rename-field';
import { RowActions } from './row-actions';
import { SitesEditor } from './sites-editor';
import { TotpCode } from './totp-code';

/** What a row asks of the list; one stable object for all rows, so rows stay memoised. */
export interface RowHandlers {
  copy(account: Account): void;
  /** Puts the code into the page the popup was opened on (issue 12). */
  fill(account: Account): void;
  update(id: string, patch: AccountPatch): void;
  /** True once the account is removed; false when it was not (a policy refused it, say). */
  remove(account: Account): Promise<boolean>;
  move(id: string, delta: -1 | 1): void;
  focusSibling(id: string, delta: -1 | 1): void;
  /** Home and End: the list's first or last row, rendered or not. */
  focusEdge(edge: 'first' | 'last'): void;
}

interface AccountRowProps {
  readonly account: Account;
  /** The row's place in the whole list, from 1, and the list's length: only some rows are rendered. */
  readonly position: number;
  readonly setSize: number;
  readonly canMoveUp: boolean;
  readonly canMoveDown: boolean;
  /** False while searching: moving among a filtered list would be ambiguous. */
  readonly reorderable: boolean;
  /** The account belongs to the page the popup was opened on: shown first, Enter fills. */
  readonly matched: boolean;
  /** False when the policy allowDeleteAccounts is off: no "Verwijderen", and the Delete key does nothing. */
  readonly deletable?: boolean;
  readonly handlers: RowHandlers;
}

function AccountRowView({
  account,
  position,
  setSize,
  canMoveUp,
  canMoveDown,
  reorderable,
  matched,
  deletable = true,
  handlers,
}: AccountRowProps) {
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm' | 'qr' | 'sites'>('view');
  const copyButton = useRef<HTMLButtonElement>(null);
  // The big name line shows the short name, its details line the other names; the labels and
  // questions name the account whole ("Infomedics Inzicht: balie@praktijk.nl"), so that two
  // accounts of one service do not read alike to a screen reader or in "… verwijderen?".
  const title = displayName(account);
  const fullTitle = accountTitle(account);
  const details = [account.issuer, account.label].filter((part) => part !== '' && part !== title);
  const back = () => {
    setMode('view');
    copyButton.current?.focus();
  };

  function onKeyDown(event: KeyboardEvent) {
    const delta = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    // Handled here rather than by the button's own Enter activation, so it is one copy, not two.
    // On the page's own account Enter fills the code in (issue 12); elsewhere it copies.
    if (event.key === 'Enter') {
      // A held Enter repeats, and Ctrl/Shift+Enter mean something else: one plain press, one action.
      const plain = !event.repeat && !event.ctrlKey && !event.shiftKey && !event.altKey && !event.metaKey;
      if (plain) (matched ? handlers.fill : handlers.copy)(account);
    } else if (delta !== 0 && event.altKey) {
      // Only where the menu offers it too: a refused move must not leave a focus request behind.
      if (reorderable && (delta < 0 ? canMoveUp : canMoveDown)) handlers.move(account.id, delta);
    } else if (delta !== 0) handlers.focusSibling(account.id, delta);
    else if (event.key === 'Home' || event.key === 'End')
      handlers.focusEdge(event.key === 'Home' ? 'first' : 'last');
    else if (event.key === 'F2') setMode('rename');
    else if (event.key === 'Delete' && deletable) setMode('confirm');
    else return;
    event.preventDefault();
  }

  return (
    <li
      class={matched ? 'account matched' : 'account'}
      data-testid="account"
      data-id={account.id}
      data-match={matched ? 'site' : undefined}
      aria-posinset={position}
      aria-setsize={setSize}
      draggable={reorderable && mode === 'view'}
    >
      {/* The row's main area is one button: click, Enter or Space copies the current code. */}
      <button
        ref={copyButton}
        type="button"
        class="row-copy"
        aria-describedby={matched ? 'fill-row-hint' : 'row-hint'}
        onClick={() => handlers.copy(account)}
        onKeyDown={onKeyDown}
      >
        {/* The names across the row, the code on a line under them (popup.css). The tooltip shows
            a name too long for the row whole. */}
        <span class="account-names" title={isolateText(fullTitle)}>
          <span class="account-name">
            {account.pinned && <PinMark />}
            <IsolatedText data-testid="account-name" text={title} />
          </span>
          {/* "Deze website" before the details, not beside the name: there it cut a workstation's
              name ("Chrome plugi…"), the one thing that tells the portal's authenticators apart. */}
          {(matched || details.length > 0) && (
            <span class="account-details">
              {matched && (
                <>
                  <span class="site-match">{t('siteMatch')}</span>{' '}
                </>
              )}
              {details.length > 0 && (
                <span class="detail-text" title={details.map(isolateText).join(' · ')}>
                  {details.map((part, i) => (
                    <Fragment key={i}>
                      {i > 0 && ' · '}
                      <IsolatedText text={part} />
                    </Fragment>
                  ))}
                </span>
              )}
            </span>
          )}
        </span>
        {account.type === 'totp' ? <TotpCode account={account} /> : <HotpCode account={account} />}
      </button>
      {/* One grid cell for the row's buttons and one for its menu button, at the right, on the
          code's line; the menu, like the forms below, opens on a line of its own. */}
      <span class="row-buttons">
        {account.type === 'hotp' && (
          <button
            type="button"
            class="button small"
            data-testid="next-hotp"
            onClick={() => handlers.update(account.id, { counter: account.counter + 1 })}
          >
            {t('hotpNext')}
          </button>
        )}
        {/* The primary look only where filling is expected: on the page's own account. */}
        <button
          type="button"
          class={matched ? 'button small fill' : 'button small secondary fill'}
          data-testid="fill"
          aria-label={t('fillFor', isolateText(fullTitle))}
          title={t('fillFor', isolateText(fullTitle))}
          onClick={(event) => {
            // A double click fills once; its second click may land on another row's button once
            // the fill question has moved the list down (fill-confirm.tsx).
            if (event.detail < 2) handlers.fill(account);
          }}
        >
          {t('fill')}
        </button>
      </span>
      <RowActions
        id={account.id}
        name={fullTitle}
        pinned={account.pinned}
        canMoveUp={reorderable && canMoveUp}
        canMoveDown={reorderable && canMoveDown}
        onPin={() => handlers.update(account.id, { pinned: !account.pinned })}
        onRename={() => setMode('rename')}
        onMove={(delta) => handlers.move(account.id, delta)}
        onDelete={deletable ? () => setMode('confirm') : undefined}
        onShowQr={() => setMode('qr')}
        onEditSites={() => setMode('sites')}
      />
      {mode === 'rename' && (
        <RenameField
          id={account.id}
          value={account.name || title}
          onSave={(name) => {
            handlers.update(account.id, { name });
            back();
          }}
          onCancel={back}
        />
      )}
      {mode === 'qr' && <AccountQr account={account} name={fullTitle} onClose={back} />}
      {mode === 'sites' && (
        <SitesEditor
          name={fullTitle}
          origins={account.origins ?? []}
          onAdd={(origin) => handlers.update(account.id, { addOrigin: origin })}
          onRemove={(origin) => handlers.update(account.id, { removeOrigin: origin })}
          onClose={back}
        />
      )}
      {mode === 'confirm' && deletable && (
        <DeleteConfirm
          name={fullTitle}
          // Not removed (the refusal says why): the question closes and the focus comes back here.
          onConfirm={() => void handlers.remove(account).then((removed) => removed || back())}
          onCancel={back}
        />
      )}
    </li>
  );
}

function PinMark() {
  return (
    <span class="pin-mark" title={t('pinned')}>
      <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
        <path d="M16 3l5 5-3 1-4 4 1 5-2 2-4-4-5 5-1-1 5-5-4-4 2-2 5 1 4-4z" />
      </svg>
      <span class="sr-only">{t('pinned')}</span>
    </span>
  );
}

export const AccountRow = memo(AccountRowView);
