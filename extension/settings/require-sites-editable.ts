import { PolicyRefusedError } from './policy-refused-error';
import { readSettings } from './read-settings';

/**
 * Adding a website to an account, checked where it is stored: under fillOnlyOnAccountSites a code
 * goes only into an account's own websites, so a website added by hand (perhaps the phishing page
 * the user was lured to) would get around it. Read now: a policy may have arrived since the page
 * was drawn. Throws PolicyRefusedError; removing a website stays possible (it only narrows).
 */
export async function requireSitesEditable(): Promise<void> {
  const settings = await readSettings();
  if (settings.values.fillOnlyOnAccountSites)
    throw new PolicyRefusedError('fillOnlyOnAccountSites', settings.managed.has('fillOnlyOnAccountSites'));
}
