/**
 * The service worker: registers listeners synchronously at top level and only wires.
 * (An MV3 worker is stopped when idle; listeners registered later would miss the wake-up event.)
 */
import { UNBOUND_OFFSET_KEY } from '../drift/clock-offset';
import { SESSION_KEY, UNLOCKED_AT_KEY } from '../lock/session-store';
import { isWorkerMessage } from '../messages';
import { AUTO_LOCK_ALARM, applyIdleInterval, onAutoLockAlarm, onIdleState } from './auto-lock';
import { fillByCommandNow } from './fill-by-command-now';
import { handleMessage } from './handle-message';
import { storeHeldScansNow } from './held-scan-session';
import { applyMaxUnlock, MAX_UNLOCK_ALARM } from './max-unlock';
import { clearCopiedCodeNow } from './offscreen-clipboard';
import { recordLockNow } from './record-lock';
import { SCAN_IMAGE_MENU_ID, scanImage } from './scan-image';
import { resumePendingScan, scanWhenUnlocked } from './scan-when-unlocked';
import { SETTINGS_RECHECK_ALARM, scheduleSettingsRecheck } from './schedule-settings-recheck';
import { startScanByCommand } from './start-scan-by-command';

// The session key (the unlocked state) is for extension pages and this worker only, never for a
// content script (SECURITY #34). TRUSTED_CONTEXTS is the default; say so rather than rely on it.
void chrome.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
// The same for chrome.storage.local, where the settings, the remembered policy and the
// wrong-passphrase wait live (Chrome 140 and later; older ones refuse or lack the method, and it
// stays open to content scripts as before). The content script never uses it; a compromised page
// renderer running it could otherwise change a setting or reset the wait (docs/extension.md,
// "What a page can learn or change"). Inside then(): a missing method's TypeError is caught too,
// not thrown here at the top of the worker, where it would stop the listeners below.
void Promise.resolve()
  .then(() => chrome.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }))
  .catch(() => undefined);

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if (!isWorkerMessage(message)) return false;
  handleMessage(message, sender).then(sendResponse, () => sendResponse(undefined));
  return true; // the answer comes asynchronously
});

// The keyboard commands grant activeTab like the toolbar click does; while locked a scan waits
// for the unlock, and a fill opens the popup to unlock.
chrome.commands.onCommand.addListener((command, tab) => {
  if (command === 'scan-qr') void scanWhenUnlocked(tab, startScanByCommand);
  if (command === 'fill-code') void fillByCommandNow(tab);
});

// "QR-code scannen" on images; the click grants activeTab. Menus persist: created once per install.
// An update drops a clock correction kept from before corrections had a site (clock-offset.ts).
chrome.runtime.onInstalled.addListener(() => {
  void chrome.storage.local.remove(UNBOUND_OFFSET_KEY);
  chrome.contextMenus.create({
    id: SCAN_IMAGE_MENU_ID,
    title: chrome.i18n.getMessage('contextScanImage'),
    contexts: ['image'],
  });
});
chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === SCAN_IMAGE_MENU_ID) void scanImage(info, tab);
});

// Auto-lock: idle minutes and the screen lock (docs/deployment.md). Closing the browser clears
// chrome.storage.session, which is the lock on browser close. Above chrome.idle's 4 hours an
// alarm waits the rest. A managed policy arrives a few seconds after the browser starts: until
// then the last one read applies, and the settings are read again when that time is over.
// The maximum unlock time (maxUnlockMinutes) locks however busy the workstation is: kept at each
// unlock, lock and settings change, with an alarm, and checked again on the way back from idle.
// Not at every start of this worker: each of those events wakes it, and a popup opening (which
// may wake it too) should not share the storage with work that has nothing to do.
void applyIdleInterval();
void scheduleSettingsRecheck();
chrome.idle.onStateChanged.addListener((state) => {
  void onIdleState(state);
  if (state === 'active') void applyMaxUnlock();
});
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === AUTO_LOCK_ALARM) void onAutoLockAlarm();
  if (alarm.name === MAX_UNLOCK_ALARM) void applyMaxUnlock();
  if (alarm.name === SETTINGS_RECHECK_ALARM) {
    void applyIdleInterval();
    void applyMaxUnlock();
  }
});
// Wakes this worker when the browser starts, so that the session's start is recorded then (for
// the policy's delivery) and the idle interval applied, rather than when something first asks.
chrome.runtime.onStartup.addListener(() => undefined);
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed' || (area === 'local' && 'settings.autoLockMinutes' in changes))
    void applyIdleInterval();
  if (area === 'managed' || (area === 'local' && 'settings.maxUnlockMinutes' in changes))
    void applyMaxUnlock();
  // An unlock or a lock: each writes or removes the unlock time (the same session key again, a
  // passphrase checked on the options page while unlocked, writes only a new time).
  if (area === 'session' && UNLOCKED_AT_KEY in changes) void applyMaxUnlock();
  if (area === 'session' && changes[SESSION_KEY]?.newValue !== undefined) {
    void resumePendingScan(startScanByCommand);
    // A scan that completed while locked is stored now.
    void storeHeldScansNow();
  }
  // Locked: a copied code still on the clipboard is cleared at once, and the activity log says
  // so (only for a key that was there: a removal of none is no lock).
  if (area === 'session' && SESSION_KEY in changes && changes[SESSION_KEY]?.newValue === undefined) {
    void clearCopiedCodeNow();
    if (changes[SESSION_KEY]?.oldValue !== undefined) void recordLockNow();
  }
});
