import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { ACTOR_PROPERTY, APP_CONFIG, ProblemException, type Actor, type AppConfig } from '#platform';
import type { RateWindow } from '../api-key.service.js';

export const RATE_WINDOW_SECONDS = 60;
/** Where ApiKeyGuard leaves the window it counted a channel key's request in as it read the key. */
export const RATE_WINDOW_PROPERTY = 'soukRateWindow';

/**
 * Requests per channel key per minute, counted in PostgreSQL so that every instance counts
 * together (fixed one-minute windows; a burst can straddle two). Over the limit: 429 with
 * Retry-After, the seconds to the next window. Runs after the key guard, which counts the request
 * in the statement that reads the key (channels reach the API with keys alone); other roles are
 * not limited.
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
    const row = request[RATE_WINDOW_PROPERTY] as RateWindow | undefined;
    // Fails closed: a channel request that reached here uncounted came some way the key guard does not know.
    if (!row) throw new Error('a channel request reached the rate limit without its key guard counting it');
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

  /** On the scheduler role: windows older than an hour are of no use. */
  @Interval('rate-limit-cleanup', 10 * 60_000)
  async forgetOldWindows(): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM api_key_rate_window WHERE window_start < now() - interval '1 hour'`)
      .catch(() => undefined);
  }
}
