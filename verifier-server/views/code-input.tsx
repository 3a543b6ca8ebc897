interface Props {
  readonly label: string;
  readonly autofocus?: boolean;
  /** Ids of hints or errors that describe the field. */
  readonly describedBy?: string | undefined;
  /** The code typed was refused (wrong, or not a code): marked for assistive technology. */
  readonly invalid?: boolean;
}

/** The one-time-code field: numeric keyboard, the browser's one-time-code autofill, spaces allowed. */
export function CodeInput({ label, autofocus = false, describedBy, invalid = false }: Props) {
  return (
    <>
      <label for="code">{label}</label>
      <input
        id="code"
        name="code"
        class="code"
        type="text"
        inputMode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={10}
        required
        autofocus={autofocus}
        aria-describedby={describedBy}
        aria-invalid={invalid ? 'true' : undefined}
      />
    </>
  );
}
