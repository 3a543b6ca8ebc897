import en from '../../../../extension/public/_locales/en/messages.json';
import nl from '../../../../extension/public/_locales/nl/messages.json';

interface ChromeMessage {
  readonly message: string;
  readonly placeholders?: Record<string, { readonly content: string }>;
}

export const LOCALES: Record<'nl' | 'en', Record<string, ChromeMessage>> = { nl, en };

/**
 * chrome.i18n.getMessage over one messages.json, with Chrome's substitution rules: `$NAME$` is
 * replaced by its placeholder's content, `$1`..`$9` by the substitutions, `$$` by `$`.
 */
export function getMessageFrom(messages: Record<string, ChromeMessage>) {
  return (key: string, substitutions: string | string[] = []): string => {
    const entry = messages[key];
    if (entry === undefined) return '';
    const subs = typeof substitutions === 'string' ? [substitutions] : substitutions;
    const placeholders = new Map(
      Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
    );
    return entry.message
      .replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole)
      .replace(/\$(\d|\$)/g, (_, ref: string) => (ref === '$' ? '$' : (subs[Number(ref) - 1] ?? '')));
  };
}

/** Installs a fake `chrome.i18n` for the popup's `t()`. */
export function installChromeI18n(locale: 'nl' | 'en' = 'nl'): void {
  (globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage: getMessageFrom(LOCALES[locale]) } };
}
