import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type pg from 'pg';
import { recordWebhook } from './inbox/inbox-store.js';
import { recordSoukEvent } from './order-updates/souk-event-store.js';
import { isValidStandardWebhook } from './souk/standard-webhook.js';
import { hasValidMetaSignature } from './webhook/meta-signature.js';
import { readWebhook } from './webhook/meta-webhook-payload.js';

/** Meta's webhooks are small; a generous cap still refuses abuse. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface ChannelServerOptions {
  readonly pool: pg.Pool;
  readonly log: Logger;
  readonly whatsapp: { readonly appSecret: string; readonly verifyToken: string; readonly phoneNumberId: string };
  readonly soukWebhookSecret: string;
  /** The locale a new conversation starts in (the channel's, from Souk). */
  readonly defaultLocale: () => string;
}

/**
 * The channel's HTTP side. Meta's webhook (`/webhook`): the subscription handshake, and deliveries
 * verified by X-Hub-Signature-256 over the exact body, recorded and answered at once (the work runs
 * after, in the inbox workers: Meta retries slow answers). Souk's order events (`/souk/events`):
 * Standard Webhooks signatures, recorded once by webhook-id, told to the buyer by a worker.
 */
export async function createChannelServer(options: ChannelServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES });
  // Signatures are over the exact bytes: bodies are kept raw and parsed after the check.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/webhook', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    if (
      query['hub.mode'] === 'subscribe' &&
      query['hub.verify_token'] === options.whatsapp.verifyToken &&
      query['hub.challenge']
    ) {
      return reply.type('text/plain').send(query['hub.challenge']);
    }
    return reply.code(403).type('text/plain').send('verification failed');
  });

  app.post('/webhook', async (request, reply) => {
    const raw = rawBody(request.body);
    if (!hasValidMetaSignature(raw, header(request.headers['x-hub-signature-256']), options.whatsapp.appSecret)) {
      options.log.warn({ path: '/webhook' }, 'webhook with a missing or bad signature refused');
      return reply.code(401).send({ error: 'bad signature' });
    }
    const contents = readWebhook(parseJson(raw), options.whatsapp.phoneNumberId);
    if (!contents) return reply.code(200).send({ status: 'ignored' });
    if (contents.skipped > 0)
      options.log.warn({ skipped: contents.skipped }, 'webhook entries not understood were skipped');
    // Recording notifies the inbox workers of every channel process, this one included.
    await recordWebhook(options.pool, contents, options.defaultLocale());
    return reply.code(200).send({ status: 'received' });
  });

  app.post('/souk/events', async (request, reply) => {
    const raw = rawBody(request.body);
    const headers = {
      id: header(request.headers['webhook-id']),
      timestamp: header(request.headers['webhook-timestamp']),
      signature: header(request.headers['webhook-signature']),
    };
    if (!isValidStandardWebhook(options.soukWebhookSecret, headers, raw)) {
      options.log.warn({ path: '/souk/events' }, 'Souk event with a missing or bad signature refused');
      return reply.code(401).send({ error: 'bad signature' });
    }
    const event = parseJson(raw) as { type?: unknown } | null;
    if (!event || typeof event.type !== 'string') return reply.code(400).send({ error: 'not an event' });
    await recordSoukEvent(options.pool, headers.id as string, event.type, event);
    return reply.code(204).send();
  });

  return app;
}

function rawBody(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
}
