/** Why a copy between databases was refused; nothing was written to the target. */
export type CopyRefusal =
  /** The source is missing, not a verifier database, or from another version. */
  | 'source'
  /** No sealed value of the source opens with the configured key. */
  | 'key'
  /** Some sealed values of the source do not open with the configured key (damaged or altered). */
  | 'damaged'
  /** The target already holds data. */
  | 'not-empty'
  /** The two schemas do not have the same tables and columns. */
  | 'schema'
  /** The target refused a row (a constraint or type the source does not have). */
  | 'constraint'
  /** Another copy, or a verifier, is working on the target, or a verifier still has the source open. */
  | 'busy';

/** A copy that did not start, or was rolled back: the message says why, in English (the CLI's language). */
export class CopyRefusedError extends Error {
  override name = 'CopyRefusedError';
  constructor(
    readonly reason: CopyRefusal,
    message: string,
  ) {
    super(message);
  }
}
