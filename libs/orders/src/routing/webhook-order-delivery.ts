import type { OutboundOrder } from '#connector-sdk';
import { postWebhook, type OutboundPolicy } from '#platform';
import { retryAfterMs, shortText, type DeliveryResult } from './delivery-result.js';

/**
 * Places an order by a signed POST to the retailer's order endpoint (Standard Webhooks headers,
 * webhook-id = the retailer order id) with `Idempotency-Key: <retailer order id>`. The retailer
 * must answer 2xx with `{"reference": "..."}`, its own order reference; a repeated key must give the
 * same order back. Redirects are not followed. A URL the outbound policy refuses is a refusal for
 * good: nothing is sent, and trying again would not change the answer.
 */
export async function deliverOrderByWebhook(
  url: string,
  secret: string,
  order: OutboundOrder,
  options: { timeoutMs: number; outbound: OutboundPolicy },
): Promise<DeliveryResult> {
  const body = JSON.stringify({ type: 'retailer_order.created', timestamp: new Date().toISOString(), data: order });
  const attempt = await postWebhook(
    url,
    secret,
    { id: order.retailerOrderId, body },
    {
      timeoutMs: options.timeoutMs,
      outbound: options.outbound,
      userAgent: 'Souk-Orders/1',
      headers: { accept: 'application/json', 'idempotency-key': order.retailerOrderId },
    },
  );
  const { status } = attempt;
  if (status === null) {
    if (!attempt.retryable) return { kind: 'rejected', status: null, error: attempt.error ?? 'not sent' };
    return { kind: 'retry', status: null, error: attempt.error ?? 'no answer', retryAfterMs: null };
  }
  if (attempt.ok) {
    const reference = referenceIn(attempt.body);
    return reference
      ? { kind: 'placed', reference, status }
      : {
          kind: 'retry',
          status,
          error: `answered ${status} without an order reference ({"reference": "..."})`,
          retryAfterMs: null,
        };
  }
  const error = `answered ${status}${attempt.body ? `: ${shortText(problemDetail(attempt.body))}` : ''}`;
  if (attempt.retryable) return { kind: 'retry', status, error, retryAfterMs: retryAfterMs(attempt.retryAfter) };
  if (status >= 300 && status < 400)
    return { kind: 'rejected', status, error: `answered ${status} (a redirect); the order URL must answer itself` };
  return { kind: 'rejected', status, error };
}

function referenceIn(text: string): string | null {
  try {
    const reference = (JSON.parse(text) as { reference?: unknown }).reference;
    if (typeof reference === 'string' && reference.trim() !== '' && reference.length <= 200) return reference.trim();
    if (typeof reference === 'number' && Number.isSafeInteger(reference)) return String(reference);
  } catch {
    // not JSON: no reference
  }
  return null;
}

/** The detail or title of a problem+json body, else the body itself. */
function problemDetail(text: string): string {
  try {
    const problem = JSON.parse(text) as { detail?: unknown; title?: unknown };
    if (typeof problem.detail === 'string') return problem.detail;
    if (typeof problem.title === 'string') return problem.title;
  } catch {
    // not JSON
  }
  return text;
}
