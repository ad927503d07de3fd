import { z } from 'zod';
import { languageSetting } from '#connector-sdk';

export const FEED_FORMATS = ['auto', 'rss', 'atom', 'tsv'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const feedSettingsSchema = z
  .strictObject({
    source: z.enum(['url', 'upload'], {
      error: 'source must be "url" (the connector fetches the feed) or "upload" (the retailer uploads a file)',
    }),
    url: z.string({ error: 'url must be a string' }).trim().optional(),
    format: z.enum(FEED_FORMATS, { error: 'format must be one of "auto", "rss", "atom", "tsv"' }).default('auto'),
    language: languageSetting.optional(),
    requestsPerSecond: z
      .number({ error: 'requestsPerSecond must be a number' })
      .positive({ error: 'requestsPerSecond must be greater than 0' })
      .max(100, { error: 'requestsPerSecond must be at most 100' })
      .optional(),
  })
  .superRefine((settings, context) => {
    if (settings.source !== 'url') return;
    if (!settings.url) {
      context.addIssue({ code: 'custom', path: ['url'], message: 'url is required when source is "url"' });
    } else if (!isHttpUrl(settings.url)) {
      context.addIssue({ code: 'custom', path: ['url'], message: 'url must be an http:// or https:// address' });
    } else if (hasUserInfo(settings.url)) {
      // Settings are shown in configs and the audit log; secrets are sealed and never shown.
      context.addIssue({
        code: 'custom',
        path: ['url'],
        message:
          'url must not contain a user name or password (user:password@): ' +
          'give them as the secrets username and password',
      });
    }
  });

export type FeedSettings = z.infer<typeof feedSettingsSchema>;

export const feedSecretsSchema = z
  .object({
    username: z
      .string({ error: 'username must be a string' })
      .min(1, { error: 'username must not be empty' })
      .optional(),
    password: z.string({ error: 'password must be a string' }).optional(),
    bearerToken: z
      .string({ error: 'bearerToken must be a string' })
      .min(1, { error: 'bearerToken must not be empty' })
      .optional(),
  })
  .default({})
  .superRefine((secrets, context) => {
    if (secrets.password !== undefined && secrets.username === undefined) {
      context.addIssue({ code: 'custom', path: ['username'], message: 'username is required with a password' });
    }
    if (secrets.bearerToken !== undefined && secrets.username !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['bearerToken'],
        message: 'use either username and password or bearerToken, not both',
      });
    }
  });

export type FeedSecrets = z.infer<typeof feedSecretsSchema>;

/** The validators of the feed response last read; a feed is always re-read whole. */
export type FeedCheckpoint = { readonly etag?: string; readonly lastModified?: string } | null;

function hasUserInfo(value: string): boolean {
  const url = new URL(value);
  return url.username !== '' || url.password !== '';
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
