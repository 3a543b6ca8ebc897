/**
 * True while the policy `requirePassphrase` is in force and no passphrase is set yet (the vault
 * still opens with its device key): then no code or secret may leave the vault, by any path (the
 * popup, the fill command, the exports, the backup), until one is set on the options page.
 */
export function passphraseMissing(
  requirePassphrase: boolean,
  vault: { readonly passphraseRequired: boolean },
): boolean {
  return requirePassphrase && !vault.passphraseRequired;
}
