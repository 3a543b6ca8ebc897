import type { FillCodeMessage, FillCodeReply } from '../messages';
import { sendToWorker } from '../send-to-worker';
import { chromeApi } from './chrome-api';

/** Asks the service worker to fill the account's code into the active tab; undefined when nothing answered. */
export async function requestFill(message: FillCodeMessage): Promise<FillCodeReply | undefined> {
  const runtime = chromeApi()?.runtime;
  return runtime === undefined ? undefined : sendToWorker(runtime, message);
}
