import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

/**
 * The public half of a key pair whose private half is not kept: it only pins the unpacked
 * extension's id (and so its IndexedDB origin) to djcnilgmkoedbllkbpakcocghfccdijj, wherever dist/ lies.
 */
export const EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAycHyPURsQ7vGnFoUlMTSX34mPZ5nrXuJuBeOzR/sNMReF6wr85fl3b1heyVzzlH2lsEFggyAWi8seHsp9o+p5mpQsp4ldOKslXogtvxEAO4lxVsKBjHixHj6ncmNk7eDivxGo1BBKqK2BQerf7ItFrbcRZ9YFeP9T7G5jB3SGUoy2pddXx6KPsKm2Pltd6ebQCGENI0wZTRZhV49UfWZOYLu5WLSfR5xECN5ctmfEKL2vA+gdE2SBxDis/5fBT6YB7UexBVCUqbx855cLpsasVwRhTwrNgS8bBddazJeTRYcFeX9FcmTUzmolL7A3k/6M11rDxmD4+rXrq7YDGXniQIDAQAB';

export const EXTENSION_ID = 'djcnilgmkoedbllkbpakcocghfccdijj';

const icons = {
  16: 'extension/icons/icon-16.png',
  32: 'extension/icons/icon-32.png',
  48: 'extension/icons/icon-48.png',
  128: 'extension/icons/icon-128.png',
};

export default defineManifest({
  manifest_version: 3,
  name: '__MSG_extName__',
  short_name: '__MSG_extName__',
  description: '__MSG_extDescription__',
  default_locale: 'nl',
  version: pkg.version,
  key: EXTENSION_KEY,
  minimum_chrome_version: '116',
  icons,
  action: {
    default_popup: 'extension/popup/index.html',
    default_title: '__MSG_extName__',
    default_icon: icons,
  },
  // Importeren en exporteren; also reachable from chrome://extensions → Details → Extension options.
  options_ui: { page: 'extension/options/index.html', open_in_tab: true },
  background: { service_worker: 'extension/background/index.ts', type: 'module' },
  // activeTab + scripting: the scan overlay is injected on demand into the tab the user clicked the
  // toolbar on, and captureVisibleTab works for it; no host permissions, no declared content scripts.
  // storage: chrome.storage.session keeps a scan in progress across service-worker restarts.
  // idle: lock after N idle minutes and on the screen lock (no install warning).
  // offscreen: the hidden page that clears a copied code once the popup has closed (the worker has
  // no clipboard); no install warning.
  // contextMenus: "QR-code scannen" on images (no install warning; the click grants activeTab).
  // alarms: an auto-lock above chrome.idle's 4 hours waits the rest by alarm, and the settings are
  // read again once a policy had time to arrive after the browser started (no install warning).
  permissions: ['activeTab', 'scripting', 'storage', 'idle', 'offscreen', 'contextMenus', 'alarms'],
  // Clearing a copied code checks that the clipboard still holds it: asked for only when clearing
  // is turned on, since it carries an install warning (docs/deployment.md).
  optional_permissions: ['clipboardRead', 'clipboardWrite'],
  // What an IT person may set by policy (docs/deployment.md); extension/settings/ reads it.
  storage: { managed_schema: 'managed-schema.json' },
  commands: {
    'scan-qr': { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_scanCommand__' },
    'fill-code': { suggested_key: { default: 'Alt+Shift+F' }, description: '__MSG_fillCommand__' },
  },
  // 'wasm-unsafe-eval': argon2id runs as WebAssembly (hash-wasm); it allows compiling WASM only,
  // never eval() or new Function() ('unsafe-eval'). The service worker gets this policy too.
  content_security_policy: {
    extension_pages:
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; img-src 'self' data:; style-src 'self'",
  },
});
