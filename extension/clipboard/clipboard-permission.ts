/**
 * Clearing a copied code checks first that the clipboard still holds it, which needs
 * `clipboardRead` (and `clipboardWrite` to clear from the offscreen document). Both carry an
 * install warning, so they are optional permissions, asked for when clearing is turned on
 * (docs/deployment.md). chrome.permissions.request needs a user gesture: call it from a click.
 */
export const CLIPBOARD_PERMISSIONS = ['clipboardRead', 'clipboardWrite'];

interface PermissionsApi {
  contains(p: { permissions: string[] }): Promise<boolean>;
  request(p: { permissions: string[] }): Promise<boolean>;
}

function permissions(): PermissionsApi | undefined {
  return (globalThis as { chrome?: { permissions?: PermissionsApi } }).chrome?.permissions;
}

export async function hasClipboardPermission(): Promise<boolean> {
  return (await permissions()?.contains({ permissions: CLIPBOARD_PERMISSIONS })) ?? false;
}

export async function requestClipboardPermission(): Promise<boolean> {
  return (await permissions()?.request({ permissions: CLIPBOARD_PERMISSIONS })) ?? false;
}
