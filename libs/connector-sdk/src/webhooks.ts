/** A webhook as it reached Souk: headers (lower-case names) and the exact bytes of the body. */
export interface InboundWebhook {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: Buffer;
}

/** What a shop system says about an order Souk placed there. */
export interface ExternalOrderUpdate {
  /** Souk's retailer order id, when the shop kept it on the order (note attribute, meta data). */
  readonly retailerOrderId: string | null;
  /** The shop's own order id, as returned when the order was placed. */
  readonly reference: string | null;
  /** Where the order now stands in Souk's terms; null when the change does not move it. */
  readonly status: 'accepted' | 'shipped' | 'delivered' | 'cancelled' | 'refused' | null;
  readonly tracking?: {
    readonly carrier: string | null;
    readonly number: string | null;
    readonly url: string | null;
  } | null;
  readonly reason?: string | null;
}

/**
 * What a webhook means for Souk:
 *   - catalog-changed: something in the catalog changed; Souk runs an incremental sync of the
 *     config soon (coalesced: many webhooks, one sync, and one more if changes arrive during it);
 *   - items-removed: these items (by retailer item id, or every item of these item groups, e.g.
 *     all variants of a deleted product) are gone; Souk marks their offers removed at once;
 *   - order-updated: an order Souk placed changed status in the shop.
 */
export type WebhookEvent =
  | { readonly type: 'catalog-changed' }
  | { readonly type: 'items-removed'; readonly itemIds?: readonly string[]; readonly itemGroupIds?: readonly string[] }
  | { readonly type: 'order-updated'; readonly order: ExternalOrderUpdate };

/**
 * accepted: the signature holds; `deliveryId` (the shop's id of this delivery, if it sends one)
 * lets Souk apply a replayed delivery once. ping: a setup or test delivery that needs only a 200.
 * rejected: the signature (or anything else that proves the sender) does not hold: Souk answers
 * 401 and changes nothing.
 */
export type WebhookVerdict =
  | { readonly kind: 'accepted'; readonly deliveryId: string | null; readonly events: readonly WebhookEvent[] }
  | { readonly kind: 'ping' }
  | { readonly kind: 'rejected'; readonly reason: string };

/**
 * The `webhooks` capability: the connector verifies webhooks from the shop system (with a secret
 * from the config's secrets, in constant time) and says what they mean. It must not call the
 * shop: Souk answers the webhook at once and does the work after.
 */
export interface ConnectorWebhooks<S = unknown, K = unknown> {
  receive(config: { readonly settings: S; readonly secrets: K }, webhook: InboundWebhook): WebhookVerdict;
}
