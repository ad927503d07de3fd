import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ProblemFilter, createValidationPipe, requestIdFor } from '#platform';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { setUpOpenApi } from './openapi.js';

const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the marketplace application (not yet listening): the same stack for `npm start` and the tests. */
export async function createApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
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
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    refuseBodiesThatAreNotJson(request.headers);
  });
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(createValidationPipe());
  if (options.config.roles.has('api')) setUpOpenApi(app);
  await app.init();
  return app;
}

/** Bodies are JSON; anything else gets 415 rather than being parsed as text or a form. */
function refuseBodiesThatAreNotJson(headers: IncomingMessage['headers']): void {
  const hasBody = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
  const type = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (hasBody && !(type === 'application/json' || type?.endsWith('+json'))) {
    throw Object.assign(new Error('Send the body as application/json.'), { statusCode: 415 });
  }
}
