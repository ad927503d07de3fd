import { z } from 'zod';
import { languageSetting } from '#connector-sdk';
import { isCurrencyCode } from '#domain';

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export const CSV_ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-1'] as const;

export const csvSettingsSchema = z.strictObject({
  delimiter: z
    .enum(['auto', ...CSV_DELIMITERS], { error: 'delimiter must be "auto", ",", ";", a tab or "|"' })
    .default('auto'),
  encoding: z
    .enum(CSV_ENCODINGS, { error: 'encoding must be "utf-8", "windows-1252" or "iso-8859-1"' })
    .default('utf-8'),
  currency: z
    .string({ error: 'currency must be a string' })
    .trim()
    .toUpperCase()
    .refine((code) => isCurrencyCode(code), { error: 'currency must be an ISO 4217 code such as "EUR" or "USD"' })
    .optional(),
  language: languageSetting.optional(),
});

export type CsvSettings = z.infer<typeof csvSettingsSchema>;

export const csvSecretsSchema = z.object({}).default({});
export type CsvSecrets = z.infer<typeof csvSecretsSchema>;
