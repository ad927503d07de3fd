// The set-up shared by the order benchmarks (bench/orders.mjs, bench/soak-orders.mjs), all through
// the marketplace's HTTP API: retailers with a small catalog (a Google Merchant RSS feed uploaded
// to a `google-merchant-feed` config), their order settings (a signed webhook to a RetailerSandbox
// from dist/ running in the benchmark's process, or pull), a channel whose webhook URL is a local
// receiver that checks the Standard Webhooks signatures itself (node:crypto, not Souk's code), and
// checkout bodies.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { createServer } from 'node:http';
import { RetailerSandbox } from '../../dist/apps/sandbox-retailer/src/index.js';
import { round } from './output.mjs';
import { freePort } from './postgres.mjs';

/** A fresh operator key for SOUK_OPERATOR_KEY: `souk_op_` and 32 random bytes, base64url. */
export const newOperatorKey = () => `souk_op_${randomBytes(32).toString('base64url')}`;
/** A fresh SOUK_ENCRYPTION_KEY (32 bytes, base64); every process on one database must share it. */
export const newEncryptionKey = () => randomBytes(32).toString('base64');

export const sleep = (ms) => new Promise((wake) => setTimeout(wake, ms));

/**
 * Calls the API with a key. `request` resolves with { status, headers, body (parsed JSON when it
 * is JSON) } whatever the status; `call` throws unless the status is 2xx (or `expect`) and resolves
 * with the body.
 */
export function apiWith(baseUrl, key) {
  const request = async (method, path, body, headers = {}) => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  const call = async (method, path, body, { expect, headers } = {}) => {
    const answer = await request(method, path, body, headers);
    const ok = expect === undefined ? answer.status >= 200 && answer.status < 300 : answer.status === expect;
    if (!ok) {
      const said = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      throw new Error(`${method} ${path}: ${answer.status} ${said}`.slice(0, 1000));
    }
    return answer.body;
  };
  return { request, call, baseUrl, key };
}

/** Polls `read` until `done(value)`, or throws after `timeoutMs`; `onWait(value)` is called every `reportMs`. */
export async function waitUntil(
  read,
  done,
  { timeoutMs = 60_000, intervalMs = 250, what = 'condition', reportMs = 10_000, onWait } = {},
) {
  const start = Date.now();
  let lastReport = start;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - start > timeoutMs)
      throw new Error(
        `${what} not reached within ${Math.round(timeoutMs / 1000)} s; last: ${JSON.stringify(value).slice(0, 2000)}`,
      );
    if (onWait && Date.now() - lastReport >= reportMs) {
      lastReport = Date.now();
      onWait(value, Date.now() - start);
    }
    await sleep(intervalMs);
  }
}

/** Runs `work(item, index)` over the items, at most `limit` at a time; resolves with the results in order. */
export async function mapLimit(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

// ---------------------------------------------------------------------------------------------
// Catalogs.

const escapeXml = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A Google Merchant RSS 2.0 feed of the items ({ id, title, price: "12.34 EUR", brand }), as
 * test/support/feed-server.ts writes it.
 */
export function rssFeed(items) {
  const entries = items.map(
    (item) => `    <item>
      <g:id>${escapeXml(item.id)}</g:id>
      <title>${escapeXml(item.title)}</title>
      <description>${escapeXml(item.description ?? `About ${item.title}`)}</description>
      <link>https://shop.example/p/${encodeURIComponent(item.id)}</link>
      <g:image_link>https://shop.example/i/${encodeURIComponent(item.id)}.jpg</g:image_link>
      <g:price>${escapeXml(item.price)}</g:price>
      <g:availability>${item.availability ?? 'in_stock'}</g:availability>
      ${item.brand ? `<g:brand>${escapeXml(item.brand)}</g:brand>` : ''}
      <g:condition>new</g:condition>
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">
  <channel>
    <title>Bench shop</title>
${entries.join('\n')}
  </channel>
</rss>
`;
}

/** `count` deterministic items of shop `shop`: ids S<shop>-<n>, prices from 5.00 to about 95.00 EUR. */
export function shopItems(shop, count) {
  return Array.from({ length: count }, (_, n) => {
    const cents = 500 + ((shop * 7919 + n * 104_729) % 9000);
    return {
      id: `S${shop}-${n}`,
      title: `Bench product ${shop}-${n}`,
      price: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')} EUR`,
      brand: `Brand ${shop}`,
    };
  });
}

/**
 * Creates a retailer (shipping to NL and BE) with a retailer key and a catalog of `items`, uploaded
 * as an RSS feed and synced (checked: every item created). Resolves with
 * { index, id, slug, key, configId, offers: [{ id, retailerItemId, priceMinor }] } (offers read with `sql`).
 */
export async function createShop(admin, sql, { index, items, label = 'bench' }) {
  const slug = `${label}-shop-${index}-${randomBytes(3).toString('hex')}`;
  const retailer = await admin.call('POST', '/v1/admin/retailers', {
    name: `Bench shop ${index}`,
    slug,
    defaultCurrency: 'EUR',
    contactEmail: `shop${index}@bench.example`,
    countries: ['NL', 'BE'],
  });
  const { key } = await admin.call('POST', '/v1/admin/api-keys', {
    name: `Bench shop ${index}`,
    role: 'retailer',
    retailerId: retailer.id,
  });
  const config = await admin.call('POST', '/v1/admin/connector-configs', {
    retailerId: retailer.id,
    connectorId: 'google-merchant-feed',
    name: 'Bench feed',
    settings: { source: 'upload' },
  });
  const queued = await admin.call('POST', `/v1/admin/connector-configs/${config.id}/uploads`, rssFeed(items), {
    headers: { 'content-type': 'application/xml' },
  });
  const run = await waitUntil(
    () => admin.call('GET', `/v1/admin/sync-runs/${queued.id}`),
    (current) => current.status !== 'queued' && current.status !== 'running',
    { timeoutMs: 120_000, what: `the first sync of shop ${index}` },
  );
  if (run.status !== 'succeeded' || run.created !== items.length)
    throw new Error(`the sync of shop ${index} ended ${run.status}: ${JSON.stringify(run).slice(0, 500)}`);
  const { rows } = await sql.query(
    `SELECT id, retailer_item_id, price_minor::text AS price
       FROM offer WHERE retailer_id = $1 AND removed_at IS NULL ORDER BY retailer_item_id`,
    [retailer.id],
  );
  if (rows.length !== items.length) throw new Error(`shop ${index} has ${rows.length} offers, not ${items.length}`);
  return {
    index,
    id: retailer.id,
    slug,
    key,
    configId: config.id,
    offers: rows.map((row) => ({ id: row.id, retailerItemId: row.retailer_item_id, priceMinor: row.price })),
  };
}

/**
 * Makes the retailer receive its orders by signed webhook at a new RetailerSandbox listening in this
 * process: the order URL is set first (on a free port), which answers the signing secret the
 * sandbox needs, then the sandbox listens on that port. The sandbox is closed at clean-up.
 */
export async function webhookSandbox(admin, cleanups, retailerId, { faults, name }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/orders`;
  const settings = await admin.call('PUT', `/v1/admin/retailers/${retailerId}/order-settings`, {
    method: 'webhook',
    webhookUrl: url,
  });
  if (!settings.webhookSecret) throw new Error(`the order settings of ${retailerId} answered no webhook secret`);
  const sandbox = new RetailerSandbox({ secret: settings.webhookSecret, faults, name });
  await sandbox.listen(port);
  cleanups.push(() => sandbox.close());
  return { sandbox, url };
}

/** A channel (EUR) whose webhooks go to `webhookUrl` (or none), with a channel key: { id, key, webhookSecret }. */
export async function createChannel(admin, { name = 'Bench channel', webhookUrl = null } = {}) {
  const channel = await admin.call('POST', '/v1/admin/channels', { name, currency: 'EUR', locale: 'en', webhookUrl });
  const { key } = await admin.call('POST', '/v1/admin/api-keys', {
    name: `${name} key`,
    role: 'channel',
    channelId: channel.id,
  });
  return { id: channel.id, key, webhookSecret: channel.webhookSecret };
}

// ---------------------------------------------------------------------------------------------
// Checkout.

/** A valid checkout body for `userRef`; with `lines`, a buy-now of those lines instead of the cart. */
export function checkoutBody(userRef, lines) {
  return {
    userRef,
    customer: { name: 'Fatima el Amrani', email: 'fatima@example.nl', phone: '+31612345678' },
    shippingAddress: {
      name: 'Fatima el Amrani',
      line1: 'Damrak 1',
      postalCode: '1012 LG',
      city: 'Amsterdam',
      country: 'NL',
    },
    ...(lines ? { lines } : {}),
  };
}

/** Checkout `i`'s buy-now lines: one offer of each shop (rotating through their catalogs), quantity 1, at its price. */
export function linesFor(shops, i) {
  return shops.map((shop) => {
    const offer = shop.offers[(i + shop.index) % shop.offers.length];
    return { offerId: offer.id, quantity: 1, unitPriceMinor: offer.priceMinor };
  });
}

// ---------------------------------------------------------------------------------------------
// The channel's webhook endpoint.

/**
 * A channel's webhook endpoint that verifies Standard Webhooks signatures on its own, from the
 * scheme's description: HMAC-SHA256 keyed with the base64 part of the `whsec_` secret over
 * "<webhook-id>.<webhook-timestamp>.<body>", compared in constant time with each `v1,<base64>` of
 * webhook-signature. A valid one is answered 204 and recorded once per webhook-id (a redelivery
 * is counted, and checked to carry the same body); an invalid one is answered 401 and counted.
 */
export class ChannelWebhookReceiver {
  constructor() {
    this.key = null;
    /** webhook-id → { id, type, data, body, firstAt, deliveries } */
    this.events = new Map();
    this.counts = {
      requests: 0,
      redeliveries: 0,
      redeliveredWithOtherBody: 0,
      badSignatures: 0,
      beforeSecret: 0,
      oldTimestamps: 0,
    };
    this.server = undefined;
  }

  /** The channel's secret (known once the channel is created with this receiver's URL). */
  useSecret(secret) {
    this.key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  }

  verify(headers, body) {
    const id = headers['webhook-id'];
    const timestamp = headers['webhook-timestamp'];
    const signatures = headers['webhook-signature'];
    if (
      typeof id !== 'string' ||
      typeof timestamp !== 'string' ||
      typeof signatures !== 'string' ||
      !/^\d+$/.test(timestamp)
    )
      return false;
    const expected = createHmac('sha256', this.key).update(`${id}.${timestamp}.${body}`).digest();
    return signatures
      .split(' ')
      .filter((part) => part.startsWith('v1,'))
      .some((part) => {
        const given = Buffer.from(part.slice(3), 'base64');
        return given.length === expected.length && timingSafeEqual(given, expected);
      });
  }

  async start() {
    this.server = createServer((request, response) => {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        this.counts.requests++;
        const body = Buffer.concat(chunks).toString('utf8');
        if (!this.key) {
          this.counts.beforeSecret++;
          return void response.writeHead(503).end();
        }
        if (!this.verify(request.headers, body)) {
          this.counts.badSignatures++;
          return void response.writeHead(401).end();
        }
        // Standard Webhooks receivers reject timestamps far from now (replay protection): counted, not refused.
        if (Math.abs(Date.now() / 1000 - Number(request.headers['webhook-timestamp'])) > 300)
          this.counts.oldTimestamps++;
        const id = request.headers['webhook-id'];
        const known = this.events.get(id);
        if (known) {
          known.deliveries++;
          this.counts.redeliveries++;
          if (known.body !== body) this.counts.redeliveredWithOtherBody++;
        } else {
          let event;
          try {
            event = JSON.parse(body);
          } catch {
            event = { type: 'unparseable', data: {} };
          }
          this.events.set(id, {
            id,
            type: event.type,
            data: event.data ?? {},
            body,
            firstAt: Date.now(),
            deliveries: 1,
          });
        }
        response.writeHead(204).end();
      });
    });
    await new Promise((done) => this.server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${this.server.address().port}/hooks`;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

// ---------------------------------------------------------------------------------------------
// Processes and the report.

/** The environment of a marketplace process on the benchmark's database. */
export function marketplaceEnv({ databaseUrl, encryptionKey, operatorKey, roles, runMigrations = true, extra = {} }) {
  return {
    DATABASE_URL: databaseUrl,
    SOUK_ENCRYPTION_KEY: encryptionKey,
    SOUK_OPERATOR_KEY: operatorKey,
    SOUK_ROLES: roles,
    SOUK_RUN_MIGRATIONS: String(runMigrations),
    SOUK_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    // The sandbox retailers and the channel's webhook receiver listen on loopback, which the outbound policy refuses by
    // default.
    SOUK_OUTBOUND_ALLOW: '127.0.0.1',
    ...extra,
  };
}

/**
 * The error-level lines (pino level ≥ 50) a marketplace process logged, from its kept output:
 * [{ msg, error, requestId, time }], the error being the logged `err`'s type and message.
 */
export function loggedErrors(output) {
  const errors = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof entry.level !== 'number' || entry.level < 50) continue;
    const err = entry.err ?? entry.error;
    errors.push({
      msg: entry.msg ?? null,
      error: err ? `${err.type ?? ''}${err.type ? ': ' : ''}${err.message ?? JSON.stringify(err)}`.slice(0, 500) : null,
      stack: typeof err?.stack === 'string' ? err.stack.split('\n').slice(0, 8).join('\n') : null,
      requestId: entry.requestId ?? entry.req?.id ?? null,
      time: entry.time ?? null,
    });
  }
  return errors;
}

/** The machine facts a report prints (as bench/search.mjs does). */
export function machineFacts({ settings, embedded, loadBefore, loadAfter }) {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? null,
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    postgres: settings.server_version ?? null,
    embeddedPostgres: embedded,
    fsync: settings.fsync ?? null,
    synchronousCommit: settings.synchronous_commit ?? null,
    sharedBuffers: settings.shared_buffers ?? null,
    loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
  };
}
