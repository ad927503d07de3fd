import { z } from 'zod';

/**
 * A connector setting for the language of a catalog's texts, where the source does not say
 * (normalizeGoogleItem's defaultLanguage): a two-letter ISO 639-1 code, lower-cased.
 */
export const languageSetting = z
  .string({ error: 'language must be a string' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2}$/, { error: 'language must be a two-letter ISO 639-1 code such as "en" or "fr"' });
