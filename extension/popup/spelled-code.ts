/**
 * A code's digits one by one, for a screen reader: "209 184" → "2 0 9 1 8 4", not two numbers
 * ("two hundred nine, …"); found by an accessibility review.
 */
export const spelledCode = (code: string) => [...code.replace(/ /g, '')].join(' ');
