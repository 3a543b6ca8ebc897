import { readSettings } from './read-settings';

/** Whether importing (files, pasted lists, an export's QR code) is allowed now: the policy allowImport, read at this moment. */
export async function importAllowed(): Promise<boolean> {
  return (await readSettings()).values.allowImport;
}
