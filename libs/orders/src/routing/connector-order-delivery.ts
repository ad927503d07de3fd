import {
  ConnectorError,
  HttpRequestError,
  OrderRejectedError,
  OutboundRefusedError,
  type ConnectorContext,
  type ConnectorOrders,
  type OutboundOrder,
} from '#connector-sdk';
import { shortText, type DeliveryResult } from './delivery-result.js';

const PERMANENT_CONNECTOR_FAILURES = new Set([
  'credentials',
  'permission',
  'settings',
  'not-found',
  'format',
  'not-allowed',
]);

/**
 * Places an order through a connector's `orders` capability and classifies what it threw: an
 * OrderRejectedError, a 4xx other than 408 and 429, a configuration failure (bad credentials) or
 * an address the outbound policy refuses is permanent; anything else is retried.
 */
export async function deliverOrderByConnector(
  orders: ConnectorOrders,
  context: ConnectorContext<unknown, unknown>,
  order: OutboundOrder,
): Promise<DeliveryResult> {
  try {
    const placed = await orders.place(context, order);
    if (!placed.reference)
      return {
        kind: 'retry',
        status: null,
        error: 'the connector placed the order but gave no reference',
        retryAfterMs: null,
      };
    return { kind: 'placed', reference: placed.reference, status: null };
  } catch (error) {
    const message = shortText(error instanceof Error ? error.message : String(error));
    if (error instanceof OrderRejectedError || error instanceof OutboundRefusedError)
      return { kind: 'rejected', status: null, error: message };
    if (error instanceof ConnectorError && PERMANENT_CONNECTOR_FAILURES.has(error.reason))
      return { kind: 'rejected', status: null, error: message };
    if (
      error instanceof HttpRequestError &&
      error.status !== null &&
      error.status >= 400 &&
      error.status < 500 &&
      error.status !== 408 &&
      error.status !== 429
    ) {
      return { kind: 'rejected', status: error.status, error: message };
    }
    return {
      kind: 'retry',
      status: error instanceof HttpRequestError ? error.status : null,
      error: message,
      retryAfterMs: null,
    };
  }
}
