import { siteOrigin } from '../otp';
import { chromeApi } from './chrome-api';

/** The origin of the page the popup was opened on (https://portaal.example), if it is a web page. */
export async function activeSite(): Promise<string | undefined> {
  const tabs = chromeApi()?.tabs;
  if (tabs === undefined) return undefined;
  const [tab] = await tabs.query({ active: true, currentWindow: true });
  return siteOrigin(tab?.url);
}
