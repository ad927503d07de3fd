import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config.js';

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

/** Structured JSON logs (pretty in a terminal) with the request id on every line of a request. */
@Module({})
export class LoggingModule {
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
        req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      ...(config.logFormat === 'pretty'
        ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } }
        : {}),
    };
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          // Nest 12 route syntax; the library's default pattern matches no route here.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: destination ? [options, destination] : options,
        }),
      ],
    };
  }
}
