import { z } from 'zod';
import { languageSetting } from '#connector-sdk';

/**
 * The site address as the retailer gives it, reduced to the WordPress site URL the REST API hangs
 * under: no trailing slash, and without a pasted `/wp-json/...`, `/wp-admin/...`, query or fragment.
 */
export function normalizeSiteUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.hostname === '' ||
    url.username !== '' ||
    url.password !== ''
  )
    return null;
  const path = url.pathname.replace(/\/(wp-json|wp-admin|index\.php)(\/.*)?$/i, '').replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

export const wooSettingsSchema = z.strictObject({
  siteUrl: z
    .string({ error: 'siteUrl must be a string' })
    .trim()
    .min(1, { error: 'siteUrl is required: the address of the WordPress site, e.g. https://shop.example' })
    .refine((value) => normalizeSiteUrl(value) !== null, {
      error: 'siteUrl must be an http:// or https:// address, e.g. https://shop.example',
    })
    .transform((value) => normalizeSiteUrl(value)!),
  language: languageSetting.optional(),
  requestsPerSecond: z
    .number({ error: 'requestsPerSecond must be a number' })
    .positive({ error: 'requestsPerSecond must be greater than 0' })
    .max(100, { error: 'requestsPerSecond must be at most 100' })
    .default(5),
  /**
   * Send the key as `consumer_key`/`consumer_secret` query parameters, for servers that drop the Authorization header.
   */
  authInQuery: z.boolean({ error: 'authInQuery must be true or false' }).default(false),
});

export type WooSettings = z.infer<typeof wooSettingsSchema>;

export const wooSecretsSchema = z.object({
  consumerKey: z
    .string({ error: 'consumerKey must be a string' })
    .trim()
    .min(1, { error: 'consumerKey is required (it starts with ck_)' }),
  consumerSecret: z
    .string({ error: 'consumerSecret must be a string' })
    .trim()
    .min(1, { error: 'consumerSecret is required (it starts with cs_)' }),
  /** The secret of the WooCommerce webhooks that call Souk; without it they are refused (pings excepted). */
  webhookSecret: z
    .string({ error: 'webhookSecret must be a string' })
    .min(1, { error: 'webhookSecret must not be empty' })
    .optional(),
});

export type WooSecrets = z.infer<typeof wooSecretsSchema>;

/**
 * Where the next incremental read starts: products modified after this GMT time
 * ("2025-03-01T10:00:00", WooCommerce's `date_modified_gmt` format), less one second.
 */
export type WooCheckpoint = { readonly modifiedAfterGmt: string } | null;
