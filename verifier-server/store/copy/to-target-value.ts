import { CopyRefusedError } from './copy-refused-error';

const INT4 = 2n ** 31n;

/**
 * A SQLite value as JSON for PostgreSQL's json_populate_recordset, checked against the target
 * column's type: SQLite stores any value in any column, PostgreSQL would turn a BLOB in a text
 * column into its hex text, or round an integer above 2^53, without a word. Integers arrive
 * exactly (BigInt) and go as decimal text; flags are 0 or 1; BLOBs go as bytea's hex text.
 * `where` names the value for a refusal (table, column, row), never its content.
 */
export function toTargetValue(value: unknown, type: string, where: () => string): unknown {
  if (value === null) return null;
  const refuse = (what: string) =>
    new CopyRefusedError(
      'constraint',
      `${where()} holds ${what}, which PostgreSQL's ${type} column cannot take as it is`,
    );
  switch (type) {
    case 'text':
      if (typeof value !== 'string') throw refuse(value instanceof Uint8Array ? 'a BLOB' : typeof value);
      if (value.includes('\u0000')) throw refuse('a NUL character');
      return value;
    case 'bytea':
      if (!(value instanceof Uint8Array)) throw refuse(typeof value);
      return `\\x${Buffer.from(value).toString('hex')}`;
    case 'boolean':
      if (value !== 0n && value !== 1n)
        throw refuse(typeof value === 'bigint' ? `the number ${value}` : typeof value);
      return value === 1n;
    case 'integer':
    case 'bigint':
      if (typeof value !== 'bigint') throw refuse(value instanceof Uint8Array ? 'a BLOB' : typeof value);
      if (type === 'integer' && (value >= INT4 || value < -INT4)) throw refuse(`the number ${value}`);
      return value.toString();
    default:
      throw refuse(`a value of a type this copy does not know (${type})`);
  }
}
