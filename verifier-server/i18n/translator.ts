import { MESSAGES_EN } from './messages-en';
import { MESSAGES_NL, type MessageKey } from './messages-nl';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { nl: MESSAGES_NL, en: MESSAGES_EN };

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The keys that come in two forms, `<base>.one` and `<base>.other`, named by their base. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.one`
    ? `${Base}.other` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

const PLURAL_RULES: Record<Language, Intl.PluralRules> = {
  nl: new Intl.PluralRules('nl'),
  en: new Intl.PluralRules('en'),
};

/** The form of `base` that fits `count` in `language` ("1 seconde", "2 seconden"). */
export function pluralKey(language: Language, base: PluralKey, count: number): MessageKey {
  return PLURAL_RULES[language].select(count) === 'one' ? `${base}.one` : `${base}.other`;
}

/** Returns `t(key, params)` for one language; unknown placeholders stay visible rather than vanish. */
export function translator(language: Language): Translate {
  return TRANSLATORS[language];
}

function makeTranslator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  return (key, params) => {
    const text = catalogue[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
  };
}

/** One translator per language, made once: every request asks for one. */
const TRANSLATORS: Record<Language, Translate> = { nl: makeTranslator('nl'), en: makeTranslator('en') };
