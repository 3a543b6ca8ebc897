/**
 * How the build groups modules into files, for the popup's opening speed (docs/extension.md,
 * "Popup speed"). Left to itself the bundler makes a file for every set of pages and dynamic
 * imports that share modules: the popup loaded 14. Each file is a request and a task in the page
 * before the script can run, which on a busy machine cost ~25 ms (one file against 14, measured).
 * These groups give the popup 6 files: its entry (main.ts, start-popup.ts), `core` (what opening
 * the vault needs, shared with the worker and the options page), and, loading meanwhile, `ui`
 * (Preact and the popup's components) and `otp` (the codes). Lazy parts (argon2, the QR code, the
 * migration format) stay in files of their own.
 */
const CORE =
  /[\\/]extension[\\/](?:vault|settings)[\\/]|[\\/]extension[\\/]lock[\\/](?:chrome-storage|session-store|pending-scan)\.ts$|[\\/]extension[\\/]drift[\\/]clock-offset\.ts$|[\\/]extension[\\/][\w-]+\.ts$|[\\/]node_modules[\\/]idb[\\/]/;
/**
 * Loaded with import() only when needed (argon2, a QR code, the migration format, the panels shown
 * after an answer from elsewhere: components/lazy-panels.ts; what a locked popup says above the
 * passphrase): not in a group.
 */
const LAZY =
  /[\\/](?:derive-argon2|account-qr-url|show-account-qr|qr-show-request|fill-confirm|scan-result|scan-result-text|clock-drift|passphrase-short-notice|set-passphrase-first|open-options|unlock-reason|duration-text)\.tsx?$|migration|[\\/]proto[\\/]/;
/**
 * otpauth's ESM build carries its own copy of the hashes it uses; @noble/hashes itself is imported
 * only by the import formats (scrypt for Aegis, MD5 for OpenSSL-encrypted files), so it is left out:
 * in this group it was 1.2 KB gzip in every popup opening that no popup code ran.
 */
const OTP = /[\\/]extension[\\/]otp[\\/]|[\\/]shared[\\/]|[\\/]node_modules[\\/]otpauth[\\/]/;
const UI = /[\\/]node_modules[\\/]preact[\\/]|[\\/]extension[\\/]popup[\\/].*\.tsx?$/;
const POPUP_ENTRY = /[\\/]extension[\\/]popup[\\/](?:main|start-popup)\.ts$/;

export const popupChunks = {
  groups: [
    { name: 'core', test: (id: string) => CORE.test(id) && !LAZY.test(id), priority: 3 },
    { name: 'otp', test: (id: string) => OTP.test(id) && !LAZY.test(id), priority: 2 },
    { name: 'ui', test: (id: string) => UI.test(id) && !POPUP_ENTRY.test(id) && !LAZY.test(id), priority: 1 },
  ],
};
