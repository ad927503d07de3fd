import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { ACTOR_PROPERTY, APP_CONFIG, ProblemException, type Actor, type AppConfig } from '#platform';
import { COUNT_REQUEST_SQL, type RateWindow } from '../api-key.service.js';

export const RATE_WINDOW_SECONDS = 60;
/** Where ApiKeyGuard leaves the window it counted the request in, when it read the key itself. */
export const RATE_WINDOW_PROPERTY = 'soukRateWindow';

/**
 * Requests per channel key per minute, counted in PostgreSQL so that every instance counts
 * together (fixed one-minute windows; a burst can straddle two). Over the limit: 429 with
 * Retry-After, the seconds to the next window. Runs after the key guard, which counts a request
 * made with the key itself as it reads the key; a console session's request is counted here. Other
 * roles are not limited.
 */
@Injectable()
export class ChannelRateLimitGuard implements CanActivate {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const limit = this.config.channelRequestsPerMinute;
    const request = context.switchToHttp().getRequest<FastifyRequest & Record<string, unknown>>();
    const actor = request[ACTOR_PROPERTY] as Actor | undefined;
    if (limit === 0 || actor?.role !== 'channel' || !actor.keyId) return true;
    const row = (request[RATE_WINDOW_PROPERTY] as RateWindow | undefined) ?? (await this.count(actor.keyId));
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('ratelimit-limit', String(limit));
    void reply.header('ratelimit-remaining', String(Math.max(0, limit - row.requests)));
    if (row.requests <= limit) return true;
    void reply.header('retry-after', String(Math.max(1, row.retryAfter)));
    throw new ProblemException(
      HttpStatus.TOO_MANY_REQUESTS,
      'too-many-requests',
      'Too many requests',
      `This channel key may make ${limit} requests a minute; retry after ${Math.max(1, row.retryAfter)} s.`,
    );
  }

  private async count(keyId: string): Promise<RateWindow> {
    const [row] = (await this.dataSource.query(COUNT_REQUEST_SQL, [keyId, RATE_WINDOW_SECONDS])) as [
      { requests: number; retry_after: number },
    ];
    return { requests: row.requests, retryAfter: row.retry_after };
  }

  /** On the scheduler role: windows older than an hour are of no use. */
  @Interval('rate-limit-cleanup', 10 * 60_000)
  async forgetOldWindows(): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM api_key_rate_window WHERE window_start < now() - interval '1 hour'`)
      .catch(() => undefined);
  }
}
