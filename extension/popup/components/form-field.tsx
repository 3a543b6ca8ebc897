import type { FormFieldName } from '../field-for-error';

interface FormFieldProps {
  readonly name: FormFieldName;
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: string;
  /** A select's choices; without them the field is a text input. */
  readonly options?: readonly { value: string; label: string }[];
  readonly defaultValue?: string;
  readonly inputMode?: 'text' | 'numeric';
}

/**
 * A labelled input or select with its error next to it (aria-invalid, aria-describedby).
 * Uncontrolled: the browser keeps what was typed across re-renders, so an error loses nothing.
 */
export function FormField({ name, label, error, hint, options, defaultValue, inputMode }: FormFieldProps) {
  const id = `field-${name}`;
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    'aria-invalid': error !== undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {options === undefined ? (
        <input
          {...common}
          type="text"
          inputMode={inputMode}
          defaultValue={defaultValue}
          autoComplete="off"
          spellcheck={false}
          autoCapitalize="off"
        />
      ) : (
        <select {...common}>
          {options.map((option) => (
            <option key={option.value} value={option.value} selected={option.value === defaultValue}>
              {option.label}
            </option>
          ))}
        </select>
      )}
      {hint && (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
