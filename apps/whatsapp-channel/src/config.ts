import { z } from 'zod';

/** What the channel process needs; read from the environment and checked at start. */
export interface ChannelConfig {
  readonly port: number;
  readonly host: string;
  /** Where the channel keeps its own state, in the schema `whatsapp_channel`. */
  readonly databaseUrl: string;
  readonly souk: {
    readonly apiUrl: string;
    readonly channelKey: string;
    /** The channel's `whsec_` secret, to verify Souk's signed order events. */
    readonly webhookSecret: string;
  };
  readonly whatsapp: {
    readonly graphUrl: string;
    readonly apiVersion: string;
    readonly phoneNumberId: string;
    readonly accessToken: string;
    readonly appSecret: string;
    readonly verifyToken: string;
    /** The Meta catalog connected to the number; without it, products are shown as list rows and cards only. */
    readonly catalogId: string | null;
    /** The approved template sent when the 24-hour window is closed. */
    readonly reengagementTemplate: string;
  };
  readonly workerConcurrency: number;
  readonly logLevel: string;
}

export class ChannelConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  }
}

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const required = (what: string) => z.string({ error: `is required (${what})` }).min(1, `is required (${what})`);

const schema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3200),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string({ error: 'is required (a postgres:// URL)' })
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  SOUK_API_URL: url,
  SOUK_CHANNEL_KEY: z
    .string({ error: 'is required (the channel API key)' })
    .regex(/^souk_ch_[A-Za-z0-9_-]{32,}$/, 'must be a Souk channel key (souk_ch_...)'),
  SOUK_WEBHOOK_SECRET: z
    .string({ error: "is required (the channel's whsec_ webhook secret)" })
    .regex(/^whsec_[A-Za-z0-9+/=]+$/, 'must be a whsec_ secret'),
  WHATSAPP_GRAPH_URL: url.default('https://graph.facebook.com'),
  WHATSAPP_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like v21.0')
    .default('v21.0'),
  WHATSAPP_PHONE_NUMBER_ID: required('the phone number id of the WhatsApp number'),
  WHATSAPP_ACCESS_TOKEN: required('a Cloud API access token'),
  WHATSAPP_APP_SECRET: required('the Meta app secret that signs webhooks'),
  WHATSAPP_VERIFY_TOKEN: required('the verify token set on the webhook in Meta'),
  WHATSAPP_CATALOG_ID: z.string().optional(),
  WHATSAPP_REENGAGEMENT_TEMPLATE: z.string().min(1).default('order_update'),
  WORKER_CONCURRENCY: z.coerce.number({ error: 'must be a number' }).int().min(1).max(256).default(8),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Reads the configuration; empty variables count as unset. */
export function loadChannelConfig(env: Record<string, string | undefined>): ChannelConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in schema.shape && value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success)
    throw new ChannelConfigError(parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`));
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    souk: {
      apiUrl: values.SOUK_API_URL,
      channelKey: values.SOUK_CHANNEL_KEY,
      webhookSecret: values.SOUK_WEBHOOK_SECRET,
    },
    whatsapp: {
      graphUrl: values.WHATSAPP_GRAPH_URL,
      apiVersion: values.WHATSAPP_API_VERSION,
      phoneNumberId: values.WHATSAPP_PHONE_NUMBER_ID,
      accessToken: values.WHATSAPP_ACCESS_TOKEN,
      appSecret: values.WHATSAPP_APP_SECRET,
      verifyToken: values.WHATSAPP_VERIFY_TOKEN,
      catalogId: values.WHATSAPP_CATALOG_ID ?? null,
      reengagementTemplate: values.WHATSAPP_REENGAGEMENT_TEMPLATE,
    },
    workerConcurrency: values.WORKER_CONCURRENCY,
    logLevel: values.LOG_LEVEL,
  };
}
