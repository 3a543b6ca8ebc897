/**
 * Whether nobody has the focus: it is on the page's body (or nowhere), as after the control that
 * had it was disabled or removed. What appears then may take it; a field the user went on to keeps it.
 */
export function focusLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}
