/**
 * The longest issuer, label or own name an account may have (UTF-16 units). Longer is refused
 * with a message, never cut: a cut name could end where another account's begins. Real names are
 * far shorter; the limit keeps a crafted QR code or file from filling the popup and the vault.
 */
export const MAX_NAME_LENGTH = 200;
