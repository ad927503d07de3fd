import { standardWebhookHeaders } from '#platform';
import type { OutboundOrder } from '#connector-sdk';
import { retryAfterMs, shortText, type DeliveryResult } from './delivery-result.js';

/**
 * Places an order by a signed POST to the retailer's order endpoint (Standard Webhooks headers,
 * webhook-id = the retailer order id) with `Idempotency-Key: <retailer order id>`. The retailer
 * must answer 2xx with `{"reference": "..."}`, its own order reference; a repeated key must give the
 * same order back. Redirects are not followed.
 */
export async function deliverOrderByWebhook(url: string, secret: string, order: OutboundOrder, timeoutMs: number): Promise<DeliveryResult> {
  const body = JSON.stringify({ type: 'retailer_order.created', timestamp: new Date().toISOString(), data: order });
  const timestamp = Math.floor(Date.now() / 1000);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': 'Souk-Orders/1',
        'idempotency-key': order.retailerOrderId,
        ...standardWebhookHeaders(secret, order.retailerOrderId, timestamp, body),
      },
      body,
    });
  } catch (error) {
    return { kind: 'retry', status: null, error: describeFailure(error, timeoutMs), retryAfterMs: null };
  }
  const text = await response.text().catch(() => '');
  const status = response.status;
  if (status >= 200 && status < 300) {
    const reference = referenceIn(text);
    return reference
      ? { kind: 'placed', reference, status }
      : { kind: 'retry', status, error: `answered ${status} without an order reference ({"reference": "..."})`, retryAfterMs: null };
  }
  const error = `answered ${status}${text ? `: ${shortText(problemDetail(text))}` : ''}`;
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', status, error, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
  if (status >= 300 && status < 400) return { kind: 'rejected', status, error: `answered ${status} (a redirect); the order URL must answer itself` };
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

function describeFailure(error: unknown, timeoutMs: number): string {
  const cause = (error as { cause?: { code?: string; message?: string; name?: string } })?.cause;
  const timedOut = (name: unknown) => name === 'TimeoutError' || name === 'AbortError';
  // Duck-typed: the DOMException that fetch throws may come from another realm than this Error.
  if (timedOut((error as { name?: unknown })?.name) || timedOut(cause?.name)) return `no answer within ${timeoutMs} ms`;
  return `could not connect: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`;
}
