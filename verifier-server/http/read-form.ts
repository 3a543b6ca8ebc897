/** A form that is malformed (a field missing, repeated, not text or too long): answered 400. */
export class FormError extends Error {
  override name = 'FormError';
  readonly statusCode = 400;
  constructor(readonly field: string) {
    super(`invalid form field: ${field}`);
  }
}

interface FieldSpec {
  /** Characters (code points, as the routes count them); longer input is malformed, not truncated. */
  readonly max: number;
  /** An absent optional field (an unticked checkbox) reads as ''. */
  readonly optional?: boolean;
}

/**
 * Reads string fields from an urlencoded body. Anything else (arrays from repeated fields,
 * objects, a missing body) throws FormError; validation of the content is the caller's.
 */
export function readForm<K extends string>(
  body: unknown,
  spec: Readonly<Record<K, FieldSpec>>,
): Record<K, string> {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
  const out = {} as Record<K, string>;
  for (const name of Object.keys(spec) as K[]) {
    const { max, optional } = spec[name];
    const value = source && Object.hasOwn(source, name) ? source[name] : undefined;
    if (value === undefined && optional) out[name] = '';
    else if (typeof value !== 'string' || tooLong(value, max) || value.includes('\u0000'))
      throw new FormError(name);
    else out[name] = value;
  }
  return out;
}

/** More than `max` code points (an emoji is one character to the user, two UTF-16 units). */
function tooLong(value: string, max: number): boolean {
  // A string has at least as many UTF-16 units as code points: count only when it could be over.
  return value.length > max && [...value].length > max;
}
