import { en } from './en.js';
import { nl } from './nl.js';
import type { Strings } from './strings.js';

const CATALOG: Readonly<Record<string, Strings>> = { en, nl };

/** The languages the channel speaks. */
export const LANGUAGES = Object.keys(CATALOG);

/** The language of a locale the channel speaks (`nl-NL` → `nl`), English otherwise. */
export function languageOf(locale: string): string {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return language in CATALOG ? language : 'en';
}

export function stringsFor(locale: string): Strings {
  return CATALOG[languageOf(locale)] as Strings;
}
