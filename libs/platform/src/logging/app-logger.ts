import { Inject, Injectable, type LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { requestLogContext } from './request-log-context.js';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Nest's logger, written to pino: lines logged while a request is handled go through that
 * request's logger, so they carry its id. Nest's `Logger` passes the context last, and callers
 * may pass an object of fields first (`logger.warn({ err }, 'message')`).
 */
@Injectable()
export class AppLogger implements LoggerService {
  constructor(@Inject(ROOT_LOGGER) private readonly root: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const logger = requestLogContext.getStore() ?? this.root;
    if (!logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    let rest = params;
    if (params.length > 0) {
      fields.context = params[params.length - 1];
      rest = params.slice(0, -1);
    }
    if (message instanceof Error) {
      fields.err = message;
      logger[level](fields, textOf(rest));
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
      logger[level](fields, textOf(rest));
    } else if (level === 'error' && rest.length === 1 && typeof rest[0] === 'string' && rest[0].includes('\n')) {
      // Nest's own error(message, stack, context) contract.
      const error = new Error(String(message));
      error.stack = rest[0];
      fields.err = error;
      logger.error(fields);
    } else {
      logger[level](fields, [String(message), ...rest.map(String)].join(' '));
    }
  }
}

/** The message after an object of fields; pino would treat extra arguments as format values. */
function textOf(rest: unknown[]): string | undefined {
  return rest.length > 0 ? rest.map(String).join(' ') : undefined;
}
