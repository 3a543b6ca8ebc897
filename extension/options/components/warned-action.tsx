import { useRef, useState } from 'preact/hooks';

interface WarnedActionProps {
  readonly testId: string;
  readonly label: string;
  readonly warning: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
}

/** A button that first shows a warning and acts only on the explicit confirmation under it. */
export function WarnedAction({ testId, label, warning, confirmLabel, onConfirm }: WarnedActionProps) {
  const [warned, setWarned] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={toggle}
        type="button"
        class="button secondary"
        data-testid={testId}
        aria-expanded={warned}
        onClick={() => setWarned(!warned)}
      >
        {label}
      </button>
      {warned && (
        <div class="confirm">
          <p class="notice error">{warning}</p>
          <button
            type="button"
            class="button danger"
            data-testid={`${testId}-confirm`}
            onClick={() => {
              setWarned(false);
              // The confirmation goes away: the focus goes back to the button that showed it.
              toggle.current?.focus();
              onConfirm();
            }}
          >
            {confirmLabel}
          </button>
        </div>
      )}
    </>
  );
}
