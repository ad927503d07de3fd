import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, ProblemException, type AppConfig } from '#platform';
import { bestOfferOrder } from '../offers/best-offer.js';
import { visibleToChannel } from '../visibility/visible-offers.js';
import type { UserEventType } from './user-event.entity.js';
import type { UserEventView } from './user-event.dto.js';
import type { UserInterests } from './user-interests.js';
import { UserRefHash } from '#channels';

/** How much one event says about a user's interest, before it fades with age. */
export const EVENT_WEIGHTS: Readonly<Record<UserEventType, number>> = { viewed: 1, added_to_cart: 3, purchased: 5 };
/** An event counts half as much after this many days, a quarter after twice as many. */
export const INTEREST_HALF_LIFE_DAYS = 14;
export const INTERESTS_TOP = 10;
/** How far ahead of the server's clock an event may be dated (the channel's clock may run fast). */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
export const PURGE_BATCH_SIZE = 5000;

export interface RecordUserEvent {
  readonly userRef: string;
  readonly type: UserEventType;
  readonly productId: string;
  readonly occurredAt?: string;
}

/** UserInterests with the name of each category, so a channel can say "because you looked at…". */
export interface ExplainedInterests extends UserInterests {
  readonly categories: readonly { readonly id: number; readonly name: string; readonly weight: number }[];
}

interface EventRow {
  id: string;
  type: UserEventType;
  product_id: string;
  category_id: number | null;
  brand_key: string | null;
  occurred_at: Date;
}

/**
 * The events a channel reports about its end users, and the interests read from them for personal
 * ranking. Users are known only by their hash (user-ref-hash.ts); events are kept for
 * SOUK_USER_EVENT_RETENTION_DAYS and can be erased per user.
 */
@Injectable()
export class UserEventService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly userRefHash: UserRefHash,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores one event, with the category and brand of the product's best offer that the channel may
   * see; a product the channel may not see is not found, like a missing one.
   */
  async record(channelId: string, event: RecordUserEvent): Promise<UserEventView> {
    const occurredAt = this.occurredAt(event.occurredAt);
    const [row] = (await this.dataSource.query(
      `INSERT INTO channel_user_event (channel_id, user_hash, type, product_id, category_id, brand_key, occurred_at)
       SELECT ch.id, $3::bytea, $4::text, o.product_id, o.category_id, lower(o.brand), $5::timestamptz
         FROM channel_directory ch
         JOIN offer o ON o.product_id = $2
         JOIN retailer_directory r ON r.id = o.retailer_id
        WHERE ch.id = $1 AND ${visibleToChannel('$1')}
        ORDER BY ${bestOfferOrder('ch.currency')}
        LIMIT 1
       RETURNING id, type, product_id, category_id, brand_key, occurred_at`,
      [channelId, event.productId, this.userRefHash.of(channelId, event.userRef), event.type, occurredAt],
    )) as EventRow[];
    if (!row) throw ProblemException.notFound(`Product ${event.productId}`);
    return {
      id: row.id,
      type: row.type,
      productId: row.product_id,
      categoryId: row.category_id,
      brandKey: row.brand_key,
      occurredAt: row.occurred_at.toISOString(),
    };
  }

  /**
   * What the user has shown interest in: each event weighs by its type (EVENT_WEIGHTS), halves every
   * INTEREST_HALF_LIFE_DAYS, and adds to its category and its brand; each list is scaled so its
   * strongest is 1 and cut to the top INTERESTS_TOP. Categories that no longer exist are left out.
   */
  async interests(channelId: string, userRef: string): Promise<ExplainedInterests> {
    const rows = (await this.dataSource.query(
      `WITH weighted AS (
         SELECT e.category_id, e.brand_key,
                (CASE e.type WHEN 'purchased' THEN $4::float8 WHEN 'added_to_cart' THEN $5::float8 ELSE $6::float8 END)
                  * power(0.5, greatest(extract(epoch FROM now() - e.occurred_at), 0) / ($7::float8 * 86400)) AS weight
           FROM channel_user_event e
          WHERE e.channel_id = $1 AND e.user_hash = $2 AND e.occurred_at >= now() - make_interval(days => $3)
       ),
       categories AS (
         SELECT w.category_id AS id, sum(w.weight) AS weight
           FROM weighted w WHERE w.category_id IS NOT NULL GROUP BY w.category_id
       ),
       brands AS (
         SELECT w.brand_key AS key, sum(w.weight) AS weight
           FROM weighted w WHERE w.brand_key IS NOT NULL GROUP BY w.brand_key
       )
       (SELECT 'category' AS kind, c.id::text AS key, cat.name, c.weight / max(c.weight) OVER () AS weight,
               row_number() OVER (ORDER BY c.weight DESC, c.id) AS position
          FROM categories c JOIN category cat ON cat.id = c.id
         ORDER BY position LIMIT $8)
       UNION ALL
       (SELECT 'brand', b.key, NULL, b.weight / max(b.weight) OVER (), row_number() OVER (ORDER BY b.weight DESC, b.key)
          FROM brands b
         ORDER BY 5 LIMIT $8)
       ORDER BY kind, position`,
      [
        channelId,
        this.userRefHash.of(channelId, userRef),
        this.config.userEventRetentionDays,
        EVENT_WEIGHTS.purchased,
        EVENT_WEIGHTS.added_to_cart,
        EVENT_WEIGHTS.viewed,
        INTEREST_HALF_LIFE_DAYS,
        INTERESTS_TOP,
      ],
    )) as { kind: 'category' | 'brand'; key: string; name: string | null; weight: number }[];
    return {
      categories: rows
        .filter((row) => row.kind === 'category')
        .map((row) => ({ id: Number(row.key), name: row.name as string, weight: Number(row.weight) })),
      brands: rows.filter((row) => row.kind === 'brand').map((row) => ({ key: row.key, weight: Number(row.weight) })),
    };
  }

  /** The products the user bought within the retention period, latest purchase first. */
  async purchasedProductIds(channelId: string, userRef: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT e.product_id FROM channel_user_event e
        WHERE e.channel_id = $1 AND e.user_hash = $2 AND e.type = 'purchased'
          AND e.occurred_at >= now() - make_interval(days => $3)
        GROUP BY e.product_id
        ORDER BY max(e.occurred_at) DESC, e.product_id`,
      [channelId, this.userRefHash.of(channelId, userRef), this.config.userEventRetentionDays],
    )) as { product_id: string }[];
    return rows.map((row) => row.product_id);
  }

  /** Deletes every event of the user in this channel (a request to be forgotten); returns how many. */
  async erase(channelId: string, userRef: string): Promise<number> {
    const [{ erased }] = (await this.dataSource.query(
      `WITH erased AS (DELETE FROM channel_user_event WHERE channel_id = $1 AND user_hash = $2 RETURNING 1)
       SELECT count(*)::int AS erased FROM erased`,
      [channelId, this.userRefHash.of(channelId, userRef)],
    )) as [{ erased: number }];
    return erased;
  }

  /**
   * Deletes the events older than the retention period, in batches of PURGE_BATCH_SIZE so no one
   * transaction holds many locks or much WAL; returns how many. Two purges at once skip each
   * other's rows.
   */
  async purgeExpired(): Promise<number> {
    let purged = 0;
    for (;;) {
      const [{ deleted }] = (await this.dataSource.query(
        `WITH expired AS (
           SELECT id FROM channel_user_event WHERE occurred_at < now() - make_interval(days => $1)
            LIMIT $2 FOR UPDATE SKIP LOCKED
         ), deleted AS (
           DELETE FROM channel_user_event e USING expired WHERE e.id = expired.id RETURNING 1
         )
         SELECT count(*)::int AS deleted FROM deleted`,
        [this.config.userEventRetentionDays, PURGE_BATCH_SIZE],
      )) as [{ deleted: number }];
      purged += deleted;
      if (deleted < PURGE_BATCH_SIZE) return purged;
    }
  }

  private occurredAt(value: string | undefined): Date {
    const now = Date.now();
    if (value === undefined) return new Date(now);
    const occurredAt = new Date(value);
    if (occurredAt.getTime() > now + MAX_FUTURE_SKEW_MS) {
      throw ProblemException.validation([
        { field: 'occurredAt', message: 'must not be more than 5 minutes in the future' },
      ]);
    }
    if (occurredAt.getTime() < now - this.config.userEventRetentionDays * 86_400_000) {
      throw ProblemException.validation([
        {
          field: 'occurredAt',
          message: `must not be older than the retention period (${this.config.userEventRetentionDays} days)`,
        },
      ]);
    }
    return occurredAt;
  }
}
