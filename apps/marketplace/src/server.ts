import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { UPLOAD_CONTENT_TYPES } from '#catalog';
import { CONNECTOR_WEBHOOK_PATH } from '#integrations';
import {
  AppLogger,
  ProblemFilter,
  answerFrameworkErrors,
  createValidationPipe,
  jsonBodyParser,
  keepRawBody,
  refuseNulInQueryAndPath,
  refuseUnacceptableBodies,
  requestIdFor,
} from '#platform';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { serveConsole } from './console/console-assets.js';
import { setUpOpenApi } from './openapi.js';

const BODY_LIMIT_BYTES = 1024 * 1024;
const MAX_PARAM_LENGTH = 1000;

/** Builds the marketplace application (not yet listening): the same stack for `npm start` and the tests. */
export async function createApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // Fastify's default of 100 characters would refuse a channel's user reference (personal
    // ranking), which may be 200: longer ones reach the handlers' validation, which names the
    // parameter. Beyond this, the router answers 414 before any handler knows the parameter.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: answerFrameworkErrors(MAX_PARAM_LENGTH),
    trustProxy: true,
    return503OnClosing: true,
    genReqId: (request: IncomingMessage) => {
      const id = requestIdFor(request);
      // The raw request carries the id too, for the HTTP logger that runs on it.
      (request as IncomingMessage & { id: string }).id = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(AppLogger));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Bodies are JSON unless a route says otherwise (uploads, shop webhooks); others get 415 before they are read.
  refuseUnacceptableBodies(fastify);
  refuseNulInQueryAndPath(fastify);
  // Shop systems sign the exact bytes of their webhooks (WooCommerce's setup ping is a form, which the adapter parses
  // too).
  keepRawBody(fastify, isConnectorWebhookRoute, BODY_LIMIT_BYTES);
  // Souk parses JSON itself: too deep a body, NUL characters and syntax errors become problems.
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, jsonBodyParser);
  app.useBodyParser(/^application\/[\w.+-]+\+json$/i, { bodyLimit: BODY_LIMIT_BYTES }, jsonBodyParser);
  // Catalog uploads reach their handler as a stream, whatever their size; the store enforces the limit.
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(UPLOAD_CONTENT_TYPES, (_request, payload, done) => done(null, payload));
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(createValidationPipe());
  if (options.config.roles.has('api')) {
    setUpOpenApi(app);
    await serveConsole(fastify);
  }
  await app.init();
  return app;
}

function isConnectorWebhookRoute(url: string): boolean {
  return url.startsWith(CONNECTOR_WEBHOOK_PATH);
}
