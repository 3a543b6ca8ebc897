import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useWaitOver } from '../../lock/use-wait-over';
import type { Account } from '../../otp';
import { qrNeedsPassphrase } from '../account-qr-url';
import { type QrRefusal, showAccountQr } from '../show-account-qr';
import { t } from '../t';

interface QrShowRequestProps {
  readonly account: Account;
  /** How often "QR-code tonen" was clicked: each click (one made before this loaded too) asks once. */
  readonly asked: number;
  readonly onShown: (src: string) => void;
  /** The panel's keys (Escape closes it). */
  readonly onKeyDown: (event: KeyboardEvent) => void;
}

/**
 * What "QR-code tonen" does (account-qr.tsx): the vault's "Huidige wachtwoordzin" when it has one
 * (docs/security.md, "Exports"), the QR code drawn, or why it was not. Loaded with import()
 * (components/lazy-panels.ts): the popup's first files are at their size budget. The field appears
 * once the vault says it has a passphrase, or when a click was refused for want of it; its
 * refusals read as on the options page, in the field.
 */
export function QrShowRequest({ account, asked, onShown, onKeyDown }: QrShowRequestProps) {
  const [passphraseSet, setPassphraseSet] = useState(false);
  const [refused, setRefused] = useState<QrRefusal | null>(null);
  // Each refusal's alert is a new element: the same sentence again is read out again (a second
  // wrong passphrase seemed to do nothing).
  const [refusals, setRefusals] = useState(0);
  // A typed passphrase is being checked (the vault's key derivation takes a moment).
  const [busy, setBusy] = useState(false);
  const passphrase = useRef('');
  // A double click draws (and logs) one QR code, not two.
  const drawing = useRef(false);
  const field = useRef<HTMLInputElement>(null);
  // "QR-code tonen" is account-qr.tsx's (in the popup's first files, at their size budget): this
  // disables it while busy, and gives it back the focus that disabling it took.
  const confirm = useRef<HTMLButtonElement | null>(null);
  const refocus = useRef(false);
  const id = useId();
  useEffect(() => {
    let live = true;
    qrNeedsPassphrase().then(
      (needed) => live && setPassphraseSet(needed),
      () => undefined, // the click says what failed
    );
    return () => {
      live = false;
    };
  }, []);

  async function show() {
    if (drawing.current) return;
    drawing.current = true;
    // An empty field is refused at once: no "Bezig…" read out first.
    if (passphrase.current !== '') setBusy(true);
    try {
      const shown = await showAccountQr(account, passphrase.current);
      if ('src' in shown) return onShown(shown.src);
      setRefused(shown);
      setRefusals((n) => n + 1);
    } finally {
      drawing.current = false;
      setBusy(false);
    }
  }
  useLayoutEffect(() => {
    confirm.current ??=
      field.current
        ?.closest('fieldset')
        ?.querySelector<HTMLButtonElement>('[data-testid="show-qr-confirm"]') ?? null;
    const button = confirm.current;
    if (button === null) return;
    if (busy) refocus.current = document.activeElement === button;
    button.disabled = busy;
    if (!busy && refocus.current) button.focus();
  }, [busy]);
  // The panel opens with the focus on "Annuleren", its last element (account-qr.tsx): once the
  // field shows, it takes the focus, unless the user has gone elsewhere meanwhile.
  useEffect(() => {
    const input = field.current;
    if (
      passphraseSet &&
      input !== null &&
      document.activeElement === input.closest('fieldset')?.lastElementChild
    )
      input.focus();
  }, [passphraseSet]);
  // Once per click, not per render.
  useEffect(() => {
    if (asked > 0) void show();
  }, [asked]);

  const about = refused?.field === true;
  // A refusal puts the focus in the field, which the message describes; a wrong passphrase is
  // selected there, so what is typed next replaces it. Not when only a wait it named is over.
  useEffect(() => {
    if (!about || refused?.waited === true) return;
    field.current?.focus();
    if (refused?.invalid === true) field.current?.select();
  }, [refused, about]);
  // "Wacht nog 2 seconden…" becomes "U kunt het nu opnieuw proberen." when the wait is over.
  useWaitOver(refused, setRefused);
  return (
    <>
      {(passphraseSet || about) && (
        <div class="field">
          <label for={`${id}-field`}>{t('passphraseCurrent')}</label>
          <input
            ref={field}
            id={`${id}-field`}
            type="password"
            autocomplete="current-password"
            data-testid="show-qr-passphrase"
            aria-invalid={about && refused?.invalid === true ? 'true' : undefined}
            aria-describedby={about ? `${id}-message ${id}-hint` : `${id}-hint`}
            onInput={(event) => {
              passphrase.current = event.currentTarget.value;
            }}
            onKeyDown={(event) => (event.key === 'Enter' ? void show() : onKeyDown(event))}
          />
          <p id={`${id}-hint`} class="field-hint">
            {t('exportCurrentPassphraseHint')}
          </p>
        </div>
      )}
      {busy ? (
        <p class="notice" role="status" data-testid="qr-busy">
          {t('importBusy')}
        </p>
      ) : (
        refused !== null && (
          <p key={refusals} id={`${id}-message`} class="notice error" role="alert" data-testid="qr-refused">
            {refused.text}
          </p>
        )
      )}
    </>
  );
}
