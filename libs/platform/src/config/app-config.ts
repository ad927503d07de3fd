import { resolve } from 'node:path';
import { z } from 'zod';
import { OutboundAllowance, OutboundAllowanceError } from '#outbound';

export const PROCESS_ROLES = ['api', 'worker', 'scheduler'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Set when an external PostgreSQL is used; otherwise the embedded one is started. */
  readonly databaseUrl: string | undefined;
  readonly embeddedDatabase: { readonly dataDir: string; readonly port: number };
  readonly runMigrations: boolean;
  readonly roles: ReadonlySet<ProcessRole>;
  readonly loadDemoData: boolean;
  readonly operatorKey: string | undefined;
  /** 32-byte key for secrets at rest; generated into the data folder when the embedded database is used. */
  readonly encryptionKey: Buffer | undefined;
  readonly logLevel: string;
  readonly logFormat: 'json' | 'pretty';
  readonly shutdownTimeoutMs: number;
  /** Largest catalog file a retailer may upload. */
  readonly maxUploadBytes: number;
  /** Where the demo's sandbox feed host listens, in demo mode. */
  readonly demoFeedPort: number;
  /** In demo mode: where the WhatsApp Cloud API sandbox (and its phone simulator) and the WhatsApp channel listen. */
  readonly demoChat: { readonly sandboxPort: number; readonly channelPort: number };
  /** In demo mode: how long the demo electronics shop (a sandbox retailer) waits to accept an order, then to ship. */
  readonly demoOrders: { readonly acceptAfterMs: number; readonly shipAfterMs: number };
  /** Requests a channel key may make per minute; 0 for no limit. */
  readonly channelRequestsPerMinute: number;
  /** Days a channel's end-user events (personal ranking) are kept before the daily purge deletes them. */
  readonly userEventRetentionDays: number;
  /** Offers its words match (estimated) up to which a search reads every match; above, a sample of products. */
  readonly searchExactOffers: number;
  /**
   * How orders reach retailers: per-call timeout, attempts before a retailer order fails, first retry delay, worker
   * concurrency.
   */
  /**
   * Connections per process for request work and, apart, for job work (a worker role's), so jobs never take the
   * connections a request waits for.
   */
  readonly databasePools: { readonly requests: number; readonly jobs: number; readonly connectionWaitMs: number };
  readonly orderRouting: {
    readonly timeoutMs: number;
    readonly maxAttempts: number;
    readonly retryBaseMs: number;
    readonly concurrency: number;
  };
  /**
   * Hosts and ranges that requests on someone else's behalf may reach in spite of the outbound policy
   * (SOUK_OUTBOUND_ALLOW).
   */
  readonly outboundAllow: OutboundAllowance;
}

/** Raised when the environment does not describe a valid configuration; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly { variable: string; message: string }[]) {
    super('Invalid configuration:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
    error: 'must be one of true, false, 1, 0, yes, no, on, off',
  })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const milliseconds = z.coerce
  .number({ error: 'must be a number of milliseconds' })
  .int('must be a whole number')
  .min(0, 'must not be negative');

const postgresUrl = z.string().refine((value) => {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be a postgres:// or postgresql:// URL');

const roles = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.enum(PROCESS_ROLES, { error: `each role must be one of ${PROCESS_ROLES.join(', ')}` }))
      .min(1, 'must name at least one role'),
  );

const encryptionKey = z
  .string()
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => key.length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

const operatorKey = z
  .string()
  .regex(/^souk_op_[A-Za-z0-9_-]{32,}$/, 'must look like souk_op_ followed by at least 32 URL-safe characters');

const outboundAllowance = z.string().transform((value, context) => {
  try {
    return OutboundAllowance.parse(value);
  } catch (error) {
    if (!(error instanceof OutboundAllowanceError)) throw error;
    for (const problem of error.problems) context.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
});

const schema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: postgresUrl.optional(),
  SOUK_DATA_DIR: z.string().min(1).default('.souk/postgres'),
  SOUK_EMBEDDED_DB_PORT: port.default(54329),
  SOUK_DEMO_FEED_PORT: port.default(3099),
  SOUK_DEMO_WHATSAPP_PORT: port.default(3095),
  SOUK_DEMO_CHAT_PORT: port.default(3094),
  SOUK_DEMO_ACCEPT_AFTER_MS: milliseconds.default(3000),
  SOUK_DEMO_SHIP_AFTER_MS: milliseconds.default(5000),
  SOUK_RUN_MIGRATIONS: boolean.default(true),
  SOUK_ROLES: roles.default([...PROCESS_ROLES]),
  SOUK_DEMO_DATA: boolean.optional(),
  SOUK_OPERATOR_KEY: operatorKey.optional(),
  SOUK_ENCRYPTION_KEY: encryptionKey.optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty'], { error: 'must be one of auto, json, pretty' }).default('auto'),
  SOUK_SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .default(10_000),
  SOUK_CHANNEL_REQUESTS_PER_MINUTE: z.coerce
    .number({ error: 'must be a number of requests' })
    .int('must be a whole number')
    .min(0, 'must not be negative (0 turns the limit off)')
    .default(600),
  SOUK_MAX_UPLOAD_MB: z.coerce
    .number({ error: 'must be a number of megabytes' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(4096, 'must be at most 4096')
    .default(512),
  SOUK_USER_EVENT_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(3650, 'must be at most 3650')
    .default(90),
  SOUK_SEARCH_EXACT_OFFERS: z.coerce
    .number({ error: 'must be a number of offers' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000_000, 'must be at most 10000000')
    .default(1000),
  SOUK_ORDER_ROUTING_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(100, 'must be at least 100')
    .max(120_000, 'must be at most 120000')
    .default(10_000),
  SOUK_ORDER_ROUTING_MAX_ATTEMPTS: z.coerce
    .number({ error: 'must be a number of attempts' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(12),
  SOUK_ORDER_ROUTING_RETRY_BASE_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(10, 'must be at least 10')
    .max(3_600_000, 'must be at most 3600000')
    .default(2000),
  SOUK_ORDER_ROUTING_CONCURRENCY: z.coerce
    .number({ error: 'must be a number of calls' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(16),
  SOUK_DB_POOL_SIZE: z.coerce
    .number({ error: 'must be a number of connections' })
    .int('must be a whole number')
    .min(2, 'must be at least 2')
    .max(200, 'must be at most 200')
    .default(10),
  SOUK_DB_JOB_POOL_SIZE: z.coerce
    .number({ error: 'must be a number of connections' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(10),
  SOUK_DB_CONNECTION_WAIT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(50, 'must be at least 50')
    .max(60_000, 'must be at most 60000')
    .default(2000),
  SOUK_OUTBOUND_ALLOW: outboundAllowance.optional(),
});

/** Reads and validates the configuration; empty variables count as unset. */
export function loadConfig(
  env: Record<string, string | undefined>,
  options: { cwd?: string; stdoutIsTty?: boolean } = {},
): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in schema.shape && value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message })),
    );
  }
  const values = parsed.data;
  if (values.DATABASE_URL && !values.SOUK_ENCRYPTION_KEY) {
    throw new ConfigError([
      {
        variable: 'SOUK_ENCRYPTION_KEY',
        message: 'is required with DATABASE_URL (32 bytes, base64-encoded: openssl rand -base64 32)',
      },
    ]);
  }
  const cwd = options.cwd ?? process.cwd();
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    embeddedDatabase: { dataDir: resolve(cwd, values.SOUK_DATA_DIR), port: values.SOUK_EMBEDDED_DB_PORT },
    runMigrations: values.SOUK_RUN_MIGRATIONS,
    roles: new Set(values.SOUK_ROLES),
    loadDemoData: values.SOUK_DEMO_DATA ?? !values.DATABASE_URL,
    operatorKey: values.SOUK_OPERATOR_KEY,
    encryptionKey: values.SOUK_ENCRYPTION_KEY,
    logLevel: values.LOG_LEVEL,
    logFormat:
      values.LOG_FORMAT === 'auto'
        ? (options.stdoutIsTty ?? process.stdout.isTTY)
          ? 'pretty'
          : 'json'
        : values.LOG_FORMAT,
    shutdownTimeoutMs: values.SOUK_SHUTDOWN_TIMEOUT_MS,
    maxUploadBytes: values.SOUK_MAX_UPLOAD_MB * 1024 * 1024,
    demoFeedPort: values.SOUK_DEMO_FEED_PORT,
    demoChat: { sandboxPort: values.SOUK_DEMO_WHATSAPP_PORT, channelPort: values.SOUK_DEMO_CHAT_PORT },
    demoOrders: { acceptAfterMs: values.SOUK_DEMO_ACCEPT_AFTER_MS, shipAfterMs: values.SOUK_DEMO_SHIP_AFTER_MS },
    channelRequestsPerMinute: values.SOUK_CHANNEL_REQUESTS_PER_MINUTE,
    userEventRetentionDays: values.SOUK_USER_EVENT_RETENTION_DAYS,
    searchExactOffers: values.SOUK_SEARCH_EXACT_OFFERS,
    orderRouting: {
      timeoutMs: values.SOUK_ORDER_ROUTING_TIMEOUT_MS,
      maxAttempts: values.SOUK_ORDER_ROUTING_MAX_ATTEMPTS,
      retryBaseMs: values.SOUK_ORDER_ROUTING_RETRY_BASE_MS,
      concurrency: values.SOUK_ORDER_ROUTING_CONCURRENCY,
    },
    databasePools: {
      requests: values.SOUK_DB_POOL_SIZE,
      jobs: values.SOUK_DB_JOB_POOL_SIZE,
      connectionWaitMs: values.SOUK_DB_CONNECTION_WAIT_MS,
    },
    outboundAllow: values.SOUK_OUTBOUND_ALLOW ?? OutboundAllowance.none(),
  };
}
