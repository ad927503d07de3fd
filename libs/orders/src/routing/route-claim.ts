import type { EntityManager } from 'typeorm';
import type { OrderAddress, OrderCustomer, OutboundOrder } from '#connector-sdk';
import type { OrderMethod } from '../settings/retailer-order-settings.entity.js';

/** What routing needs of a retailer order while one attempt to place it runs. */
export interface RoutedRetailerOrder {
  readonly id: string;
  readonly orderId: string;
  readonly retailerId: string;
  readonly method: OrderMethod;
  readonly connectorConfigId: string | null;
  readonly routingSeriesStart: number;
}

/** A retailer order claimed for one attempt, with all that the call to its retailer needs. */
export interface ClaimedAttempt {
  readonly retailerOrder: RoutedRetailerOrder;
  readonly attempt: { readonly id: string; readonly number: number };
  readonly outbound: OutboundOrder;
  /** The retailer's order webhook as it stands now; null parts when it has none. */
  readonly webhook: { readonly url: string | null; readonly secretSealed: string | null };
}

interface DeliveryRow {
  id: string;
  order_id: string;
  retailer_id: string;
  method: OrderMethod;
  connector_config_id: string | null;
  routing_series_start: number;
  currency: string;
  total_minor: string;
  placed_at: Date;
  customer: OrderCustomer;
  shipping_address: OrderAddress;
  lines: {
    lineId: string;
    retailerItemId: string;
    title: string;
    quantity: number;
    unitPriceMinor: string;
    lineTotalMinor: string;
  }[];
  webhook_url: string | null;
  webhook_secret_sealed: string | null;
  attempt_id: string;
  attempt_number: number;
}

/**
 * The columns of a delivery, read from a CTE `claimed` (retailer order rows) and `attempt` (its routing attempt): the
 * order the retailer gets, its lines in order, and the retailer's webhook settings, all in the claiming statement.
 */
const DELIVERY_SELECT = `
  SELECT claimed.id, claimed.order_id, claimed.retailer_id, claimed.method, claimed.connector_config_id,
         claimed.routing_series_start, claimed.currency, claimed.total_minor::text AS total_minor,
         o.created_at AS placed_at, o.customer, o.shipping_address,
         (SELECT coalesce(json_agg(json_build_object(
                    'lineId', l.id, 'retailerItemId', l.retailer_item_id, 'title', l.snapshot->>'title',
                    'quantity', l.quantity, 'unitPriceMinor', l.unit_price_minor::text,
                    'lineTotalMinor', l.total_minor::text) ORDER BY l.position), '[]'::json)
            FROM order_line l WHERE l.retailer_order_id = claimed.id) AS lines,
         s.webhook_url, s.webhook_secret_sealed, attempt.id AS attempt_id, attempt.number AS attempt_number
    FROM claimed
    JOIN attempt ON attempt.retailer_order_id = claimed.id
    JOIN customer_order o ON o.id = claimed.order_id
    LEFT JOIN retailer_order_settings s ON s.retailer_id = claimed.retailer_id`;

/**
 * Claims the next attempt of a pending retailer order in one statement: the row lock of the update (rechecked on the
 * newest row if another transaction held it), the count of attempts, the attempt's record and the read of what the
 * call needs. Null when the retailer order is not pending or `attempt` is not its next attempt (a stale job, or one
 * whose worker died mid-call, which the caller settles its own way).
 */
export async function claimNextAttempt(
  manager: EntityManager,
  retailerOrderId: string,
  attempt: number,
  instanceId: string,
): Promise<ClaimedAttempt | null> {
  const rows = (await manager.query(
    `WITH claimed AS (
       UPDATE retailer_order
          SET routing_attempts = $2, version = version + 1, updated_at = now()
        WHERE id = $1 AND status = 'pending' AND routing_attempts = $2 - 1
       RETURNING *
     ), attempt AS (
       INSERT INTO routing_attempt (retailer_order_id, number, method, started_at, instance_id)
       SELECT id, $2, method, now(), $3 FROM claimed
       RETURNING id, number, retailer_order_id
     )${DELIVERY_SELECT}`,
    [retailerOrderId, attempt, instanceId],
  )) as DeliveryRow[];
  return rows[0] ? claimedAttempt(rows[0]) : null;
}

/** What the call of an attempt already recorded (by the caller, in `manager`'s transaction) needs. */
export async function claimedAttemptOf(
  manager: EntityManager,
  retailerOrderId: string,
  attemptId: string,
): Promise<ClaimedAttempt> {
  const rows = (await manager.query(
    `WITH claimed AS (SELECT * FROM retailer_order WHERE id = $1),
          attempt AS (SELECT id, number, retailer_order_id FROM routing_attempt WHERE id = $2)${DELIVERY_SELECT}`,
    [retailerOrderId, attemptId],
  )) as DeliveryRow[];
  if (!rows[0]) throw new Error(`retailer order ${retailerOrderId} or its attempt ${attemptId} is gone`);
  return claimedAttempt(rows[0]);
}

function claimedAttempt(row: DeliveryRow): ClaimedAttempt {
  return {
    retailerOrder: {
      id: row.id,
      orderId: row.order_id,
      retailerId: row.retailer_id,
      method: row.method,
      connectorConfigId: row.connector_config_id,
      routingSeriesStart: row.routing_series_start,
    },
    attempt: { id: row.attempt_id, number: row.attempt_number },
    outbound: {
      retailerOrderId: row.id,
      orderId: row.order_id,
      placedAt: row.placed_at.toISOString(),
      currency: row.currency,
      totalMinor: row.total_minor,
      customer: row.customer,
      shippingAddress: row.shipping_address,
      lines: row.lines.map((line) => ({
        lineId: line.lineId,
        retailerItemId: line.retailerItemId,
        title: line.title,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        lineTotalMinor: line.lineTotalMinor,
      })),
    },
    webhook: { url: row.webhook_url, secretSealed: row.webhook_secret_sealed },
  };
}
