/** How two authenticator names are compared: case-insensitive (Dutch rules), as the login list shows them. */
const comparable = (name: string) => name.toLocaleLowerCase('nl');

/**
 * Whether another authenticator (not `ownId`) already has `name`, or one that looks the same in
 * the login list. The routes ask it before a change; the stores ask it again inside the change's
 * transaction, where no other tab or instance can take the name in between.
 */
export function nameInUse(
  name: string,
  authenticators: ReadonlyArray<{ readonly id: string; readonly name: string }>,
  ownId?: string,
): boolean {
  const wanted = comparable(name);
  return authenticators.some((a) => a.id !== ownId && comparable(a.name) === wanted);
}
