/**
 * The service worker: registers listeners synchronously at top level and only wires.
 * (An MV3 worker is stopped when idle; listeners registered later would miss the wake-up event.)
 */
import { isWorkerMessage } from '../messages';
import { handleMessage } from './handle-message';
import { startScanByCommand } from './start-scan-by-command';

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if (!isWorkerMessage(message)) return false;
  handleMessage(message, sender).then(sendResponse, () => sendResponse(undefined));
  return true; // the answer comes asynchronously
});

// The keyboard command grants activeTab like the toolbar click does.
chrome.commands.onCommand.addListener((command, tab) => {
  if (command === 'scan-qr') void startScanByCommand(tab);
});
