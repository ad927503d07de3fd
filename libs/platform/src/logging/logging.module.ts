import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { IncomingMessage as RawRequest, ServerResponse } from 'node:http';
import {
  Inject,
  Injectable,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestMiddleware,
  type NestModule,
} from '@nestjs/common';
import { pinoHttp, type HttpLogger, type Options } from 'pino-http';
import type { AppConfig } from '../config/app-config.js';
import { redactSecretQuery } from '../http/secret-query.js';
import { AppLogger, ROOT_LOGGER } from './app-logger.js';
import { requestLogContext } from './request-log-context.js';

const HTTP_LOGGER = Symbol('HTTP_LOGGER');

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request id: the caller's X-Request-Id when it is sane, else a new one. Given to Fastify as
 * its id generator, so errors, logs and audit entries all carry the same id.
 */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** For the HTTP logger: the id Fastify gave the request (see the adapter's genReqId). */
function loggedRequestId(request: IncomingMessage & { id?: unknown }): string {
  return typeof request.id === 'string' ? request.id : requestIdFor(request);
}

/** Paths whose credentials must never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/** Logs each request once it is answered, and makes its logger the one every line of the request goes to. */
@Injectable()
class RequestLoggingMiddleware implements NestMiddleware<RawRequest, ServerResponse> {
  constructor(@Inject(HTTP_LOGGER) private readonly httpLogger: HttpLogger) {}

  use(request: RawRequest & { allLogs?: RequestLogger[] }, response: ServerResponse, next: () => void): void {
    this.httpLogger(request, response);
    // pino-http leaves `request.log` alone when it is set (Fastify's middleware layer sets its own), but
    // always appends the logger it made for the request to `allLogs`.
    const logger = request.allLogs?.[request.allLogs.length - 1];
    if (logger) requestLogContext.run(logger, next);
    else next();
  }
}

type RequestLogger = HttpLogger['logger'];

/**
 * Structured JSON logs (pretty in a terminal) with the request id on every line of a request:
 * pino-http logs each request, and `AppLogger` is Nest's logger (`app.useLogger`).
 */
@Module({})
export class LoggingModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Nest 12 route syntax, for every route.
    consumer.apply(RequestLoggingMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  /** `destination` replaces standard output, e.g. for a test that reads every log line. */
  static forRoot(config: AppConfig, destination?: NodeJS.WritableStream): DynamicModule {
    const options: Options = {
      level: config.logLevel,
      genReqId: loggedRequestId,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          url: redactSecretQuery(request.url),
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      ...(config.logFormat === 'pretty'
        ? {
            transport: {
              target: 'pino-pretty',
              options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
            },
          }
        : {}),
    };
    const httpLogger = destination ? pinoHttp(options, destination) : pinoHttp(options);
    return {
      module: LoggingModule,
      global: true,
      providers: [
        { provide: HTTP_LOGGER, useValue: httpLogger },
        { provide: ROOT_LOGGER, useValue: httpLogger.logger },
        AppLogger,
        RequestLoggingMiddleware,
      ],
      exports: [AppLogger],
    };
  }
}
