import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { ACTOR_PROPERTY, APP_CONFIG, ProblemException, type Actor, type AppConfig } from '#platform';

const WINDOW_SECONDS = 60;

/**
 * Requests per channel key per minute, counted in PostgreSQL so that every instance counts
 * together (fixed one-minute windows; a burst can straddle two). Over the limit: 429 with
 * Retry-After, the seconds to the next window. Runs after the key guard; other roles are not limited.
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
    const [row] = (await this.dataSource.query(
      `INSERT INTO api_key_rate_window (key_id, window_start, requests)
       VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
       ON CONFLICT (key_id, window_start) DO UPDATE SET requests = api_key_rate_window.requests + 1
       RETURNING requests,
                 ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry_after`,
      [actor.keyId, WINDOW_SECONDS],
    )) as [{ requests: number; retry_after: number }];
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('ratelimit-limit', String(limit));
    void reply.header('ratelimit-remaining', String(Math.max(0, limit - row.requests)));
    if (row.requests <= limit) return true;
    void reply.header('retry-after', String(Math.max(1, row.retry_after)));
    throw new ProblemException(
      HttpStatus.TOO_MANY_REQUESTS,
      'too-many-requests',
      'Too many requests',
      `This channel key may make ${limit} requests a minute; retry after ${Math.max(1, row.retry_after)} s.`,
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
