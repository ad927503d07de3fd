import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import type { Connector } from '#connector-sdk';
import { loadConfig, type AppConfig } from '#platform';
import { migrate } from '../../apps/marketplace/src/database/database-runtime.js';
import { FirstStartService } from '../../apps/marketplace/src/first-start/first-start.service.js';
import type { AppModuleOptions } from '../../apps/marketplace/src/app.module.js';
import { createApp } from '../../apps/marketplace/src/server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly operatorKey: string;
  readonly database: TestDatabase;
  readonly config: AppConfig;
  /** Every log line the app wrote so far (JSON). */
  logs(): string;
  /** What another instance needs to join this one's database. */
  readonly shared: SharedDatabase;
  /** A plain connection to the test database, for checking what is stored. */
  readonly sql: pg.Client;
  request(
    method: string,
    path: string,
    options?: { key?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

export interface SharedDatabase {
  readonly database: TestDatabase;
  readonly encryptionKey: string;
  readonly operatorKey: string;
}

/**
 * Tests run their sandbox shops, feed servers, retailers and webhook receivers on loopback, which
 * Souk's outbound policy refuses by default; so a test app allows loopback unless the test says
 * otherwise (`SOUK_OUTBOUND_ALLOW: ''` for the strict policy, as the SSRF tests do).
 */
export const LOOPBACK_ALLOWANCE = '127.0.0.0/8,::1/128,localhost';

/**
 * The real marketplace on its own migrated database, listening on a free port; or, given
 * `shared`, another instance on the database of an earlier one (closing it leaves the database).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  shared?: SharedDatabase,
  extraConnectors: readonly Connector[] = [],
  options: { demo?: AppModuleOptions['demo'] } = {},
): Promise<TestApp> {
  const database = shared?.database ?? (await createTestDatabase());
  const encryptionKey = shared?.encryptionKey ?? randomBytes(32).toString('base64');
  const config = loadConfig({
    DATABASE_URL: database.url,
    SOUK_ENCRYPTION_KEY: encryptionKey,
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
    PORT: '1',
    SOUK_OUTBOUND_ALLOW: LOOPBACK_ALLOWANCE,
    ...env,
  });
  await migrate(database.url);
  let logged = '';
  const logDestination = new PassThrough();
  logDestination.on('data', (chunk: Buffer) => (logged += chunk.toString('utf8')));
  const app = await createApp({
    config,
    databaseUrl: database.url,
    encryptionKey: config.encryptionKey as Buffer,
    logDestination,
    extraConnectors,
    demo: options.demo ?? null,
  });
  const operatorKey = shared?.operatorKey ?? (await app.get(FirstStartService).run()).operatorKey;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();

  const request: TestApp['request'] = async (method, path, options = {}) => {
    const key = options.key === undefined ? operatorKey : options.key;
    const headers: Record<string, string> = { ...options.headers };
    if (key) headers.authorization = `Bearer ${key}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(baseUrl + path, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body };
  };

  return {
    app,
    baseUrl,
    operatorKey: operatorKey as string,
    database,
    config,
    shared: { database, encryptionKey, operatorKey: operatorKey as string },
    logs: () => logged,
    sql,
    request,
    close: async () => {
      await sql.end();
      await app.close();
      if (!shared) await database.drop();
    },
  };
}
