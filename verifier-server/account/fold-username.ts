/**
 * A username as both stores compare it: A–Z folded to a–z, nothing else. SQLite's COLLATE NOCASE
 * folds ASCII only; the PostgreSQL lookup (postgres-user-store.ts) asks for the same equality on
 * top of its `lower()` index, which would also fold 'İ' to 'i'. The password throttle names an
 * unknown user's counter by this form, so a spelling that one fold joins and the other does not
 * (the Kelvin sign for 'K', a dotted 'İ') cannot tell, by a shared counter, whether a name
 * exists (SECURITY #13).
 */
export function foldUsername(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** foldUsername in PostgreSQL's SQL, for an expression `sql`. */
export function foldUsernameSql(sql: string): string {
  return `translate(${sql}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
}
