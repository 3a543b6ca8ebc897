/**
 * A form field's ARIA marks on the options page: described by the message when a refusal is about
 * it (the message first, then the field's own hint), and invalid when what was typed there was
 * refused (not for a wait, when nothing was checked).
 */
export function fieldMarks(about: boolean, invalid: boolean, messageId: string, hint?: string) {
  const describedBy = [about ? messageId : undefined, hint].filter((id) => id !== undefined);
  return {
    'aria-invalid': about && invalid ? ('true' as const) : undefined,
    'aria-describedby': describedBy.length === 0 ? undefined : describedBy.join(' '),
  };
}
