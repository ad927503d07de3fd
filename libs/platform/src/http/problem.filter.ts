import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseBusyError } from '../database/database-busy.error.js';
import { PROBLEM_CONTENT_TYPE, ProblemException, problemTypeUri, type ProblemDetails } from './problem.js';
import { redactSecretQuery } from './secret-query.js';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Content too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  413: 'content-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  500: 'internal',
  503: 'unavailable',
};

/**
 * Turns every error into an RFC 9457 problem+json answer. Errors the code did not mean to show
 * (anything that is not an HttpException, or Fastify's 5xx) become a bare 500 with the request id
 * to quote; their message, stack and SQL stay in the log. A saturated database (no connection came free in time) is
 * 503 with Retry-After: the caller may come back, and the server sheds load instead of queueing without end.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.send(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  /** Answers the request with the problem for `exception`; `instance` is left out when the URL must not be echoed. */
  send(
    exception: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
    options: { echoUrl: boolean } = { echoUrl: true },
  ): void {
    const problem = this.toProblem(exception);
    if (options.echoUrl) problem.instance = redactSecretQuery(request.url);
    if (request.id) problem.requestId = request.id;
    if (exception instanceof DatabaseBusyError) {
      this.logger.warn({ requestId: request.id, waitBoundMs: exception.waitBoundMs }, 'request shed: database busy');
      void reply.header('retry-after', String(exception.retryAfterSeconds));
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'request failed');
    }
    if (problem.status === HttpStatus.UNAUTHORIZED) {
      void reply.header('www-authenticate', 'Bearer realm="souk"');
    }
    if (!request.raw.complete) {
      // What is left of a body refused before it was read in full would be read as the next
      // request on a kept-alive connection; closing it is cheaper than reading the rest.
      void reply.header('connection', 'close');
    }
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) return exception.toProblem();
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    if (exception instanceof DatabaseBusyError) {
      return {
        ...this.generic(
          HttpStatus.SERVICE_UNAVAILABLE,
          'The marketplace is busy; try again after the Retry-After delay.',
        ),
        type: problemTypeUri('busy'),
      };
    }
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Fastify's own client errors (a body that is not JSON, too large, wrong media type) are safe to explain.
      return this.generic(fastifyStatus, (exception as Error).message);
    }
    return this.generic(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'The server could not complete the request; quote the request id when reporting it.',
    );
  }

  private fromHttpException(exception: HttpException): ProblemDetails {
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (status >= 500) {
      const problem = this.generic(
        status,
        status === 503 ? 'The service is not ready.' : 'The server could not complete the request.',
      );
      if (typeof body === 'object' && body !== null && 'details' in body)
        problem.checks = (body as { details: unknown }).details;
      return problem;
    }
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const detail = Array.isArray(message)
      ? message.join('; ')
      : typeof message === 'string'
        ? message
        : exception.message;
    return this.generic(status, detail);
  }

  private generic(status: number, detail?: string): ProblemDetails {
    return {
      type: problemTypeUri(SLUGS[status] ?? String(status)),
      title: TITLES[status] ?? (status >= 500 ? 'Server error' : 'Client error'),
      status,
      ...(detail ? { detail } : {}),
    };
  }
}
