import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RetailerOrderStatus } from '#domain';

export interface TimeRange {
  readonly from: Date;
  readonly to: Date;
}

export interface OrderHealthFigures {
  /** Retailer orders created in the range, by their status now. */
  readonly byStatus: readonly { status: RetailerOrderStatus; count: number }[];
  /** Tries at delivering orders to retailers started in the range, and those that did not place the order. */
  readonly attempts: number;
  readonly failedAttempts: number;
  /** Retailer orders routing gave up on, whatever their age: an operator has to act. */
  readonly failed: number;
  /** Retailer orders past their acceptance deadline and still not accepted, whatever their age. */
  readonly stuck: number;
}

/** What the console's dashboard shows of orders and their routing, for everyone or one retailer. */
@Injectable()
export class OrderHealth {
  constructor(private readonly dataSource: DataSource) {}

  async figures(range: TimeRange, retailerId: string | null): Promise<OrderHealthFigures> {
    const scope = retailerId ? 'AND ro.retailer_id = $3' : '';
    const parameters = retailerId ? [range.from, range.to, retailerId] : [range.from, range.to];
    const byStatus = (await this.dataSource.query(
      `SELECT status, count(*)::int AS count FROM retailer_order ro
        WHERE ro.created_at >= $1 AND ro.created_at < $2 ${scope}
        GROUP BY status ORDER BY count DESC, status`,
      parameters,
    )) as { status: RetailerOrderStatus; count: number }[];
    const [attempts] = (await this.dataSource.query(
      `SELECT count(*)::int AS attempts,
              count(*) FILTER (WHERE a.outcome IS DISTINCT FROM 'placed' AND a.finished_at IS NOT NULL)::int AS failed
         FROM routing_attempt a JOIN retailer_order ro ON ro.id = a.retailer_order_id
        WHERE a.started_at >= $1 AND a.started_at < $2 ${scope}`,
      parameters,
    )) as [{ attempts: number; failed: number }];
    const [open] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE status IN ('pending', 'submitted') AND accept_by < now())::int AS stuck
         FROM retailer_order ro
        WHERE status IN ('failed', 'pending', 'submitted') ${retailerId ? 'AND ro.retailer_id = $1' : ''}`,
      retailerId ? [retailerId] : [],
    )) as [{ failed: number; stuck: number }];
    return {
      byStatus,
      attempts: attempts.attempts,
      failedAttempts: attempts.failed,
      failed: open.failed,
      stuck: open.stuck,
    };
  }
}
