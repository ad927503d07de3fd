import { z } from 'zod';
import { languageSetting } from '#connector-sdk';

export const DEFAULT_API_VERSION = '2024-10';

export const shopifySettingsSchema = z.strictObject({
  shopUrl: z
    .string({ error: 'shopUrl must be a string' })
    .trim()
    .min(1, { error: 'shopUrl is required: the shop address, https://{your-shop}.myshopify.com' })
    .transform((value, context) => {
      const url = normalizeShopUrl(value);
      if (url === null)
        context.addIssue({
          code: 'custom',
          message: 'shopUrl must be the shop address, such as https://your-shop.myshopify.com',
        });
      return url ?? value;
    }),
  apiVersion: z
    .string({ error: 'apiVersion must be a string' })
    .trim()
    .regex(/^(\d{4}-(01|04|07|10)|unstable)$/, { error: 'apiVersion must be a Shopify API version such as "2024-10"' })
    .default(DEFAULT_API_VERSION),
  language: languageSetting.optional(),
  requestsPerSecond: z
    .number({ error: 'requestsPerSecond must be a number' })
    .positive({ error: 'requestsPerSecond must be greater than 0' })
    .max(40, { error: 'requestsPerSecond must be at most 40' })
    .default(2),
});

export type ShopifySettings = z.infer<typeof shopifySettingsSchema>;

export const shopifySecretsSchema = z.object({
  accessToken: z
    .string({ error: 'accessToken is required: the Admin API access token of your Shopify app (shpat_...)' })
    .trim()
    .min(1, { error: 'accessToken must not be empty' }),
  webhookSecret: z
    .string({ error: 'webhookSecret must be a string' })
    .trim()
    .min(1, { error: 'webhookSecret must not be empty' })
    .optional(),
});

export type ShopifySecrets = z.infer<typeof shopifySecretsSchema>;

/**
 * Where the next incremental read starts: Shopify's `updated_at_min` (ISO 8601, UTC). It is one
 * second before the newest product change the last read saw (and never after the time that read
 * started), because Shopify's times have whole seconds: a change in that same second is read again
 * rather than missed, and writing an offer twice changes nothing.
 */
export type ShopifyCheckpoint = { readonly updatedAtMin: string } | null;

/**
 * The shop's base URL: scheme and host (and a path prefix, if any), without a trailing slash or
 * an `/admin...` tail. "your-shop.myshopify.com" gets https://. Null when it is not an http(s) URL.
 */
export function normalizeShopUrl(text: string): string | null {
  const value = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(value);
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
  const path = url.pathname.replace(/\/admin(\/.*)?$/, '').replace(/\/+$/, '');
  return `${url.origin}${path}`;
}
