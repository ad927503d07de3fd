import type { Logger } from 'pino';
import type pg from 'pg';
import { textMessage } from '../cloud-api/chat-message.js';
import type { ChatSender } from '../cloud-api/chat-sender.js';
import { CloudApiUnavailableError } from '../cloud-api/cloud-api-client.js';
import { orderReference } from '../conversation/checkout-flow.js';
import { inTransaction } from '../database/in-transaction.js';
import { formatMoney } from '../conversation/money-text.js';
import { stringsFor } from '../conversation/strings/catalog.js';
import type { Strings } from '../conversation/strings/strings.js';

/** The part of Souk's retailer order events the buyer is told about. */
interface RetailerOrderEvent {
  readonly type: string;
  readonly data: {
    readonly orderId: string;
    readonly retailerId: string;
    readonly reason?: string | null;
    readonly tracking?: { readonly number: string | null; readonly url: string | null } | null;
    readonly refund?: { readonly amountMinor: string; readonly currency: string };
  };
}

const TOLD: Readonly<
  Record<
    string,
    (t: Strings, retailer: string, reference: string, event: RetailerOrderEvent, moneyLocale: string) => string
  >
> = {
  'retailer_order.accepted': (t, retailer, reference) => t.orderUpdate.accepted(retailer, reference),
  'retailer_order.refused': (t, retailer, reference, event) =>
    t.orderUpdate.refused(retailer, reference, event.data.reason ?? null),
  'retailer_order.shipped': (t, retailer, reference, event) =>
    t.orderUpdate.shipped(retailer, reference, event.data.tracking?.url ?? event.data.tracking?.number ?? null),
  'retailer_order.delivered': (t, retailer, reference) => t.orderUpdate.delivered(retailer, reference),
  'retailer_order.cancelled': (t, retailer, reference, event) =>
    t.orderUpdate.cancelled(retailer, reference, event.data.reason ?? null),
  'retailer_order.failed': (t, retailer, reference) => t.orderUpdate.failed(retailer, reference),
  'retailer_order.refunded': (t, retailer, reference, event, moneyLocale) =>
    t.orderUpdate.refunded(
      retailer,
      reference,
      event.data.refund ? formatMoney(event.data.refund.amountMinor, event.data.refund.currency, moneyLocale) : '',
    ),
};

/**
 * Tells buyers what happened to their orders: each recorded Souk event of an order placed in a
 * chat becomes a message in that chat (the re-engagement template when the 24-hour window has
 * closed, by the sender). Events of other orders, and kinds a buyer need not hear of, are set done.
 */
export class OrderUpdateWorker {
  constructor(
    private readonly pool: pg.Pool,
    private readonly sender: ChatSender,
    private readonly moneyLocale: () => string,
    private readonly log: Logger,
  ) {}

  async workOnce(): Promise<boolean> {
    return inTransaction(this.pool, async (tx) => {
      const row = (
        await tx.query(
          `SELECT webhook_id, type, body, attempts FROM whatsapp_channel.souk_event
            WHERE state = 'pending' AND next_attempt_at <= now() ORDER BY received_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        )
      ).rows[0] as { webhook_id: string; type: string; body: RetailerOrderEvent; attempts: number } | undefined;
      if (!row) return false;
      try {
        await this.tell(tx, row.body);
        await tx.query(
          `UPDATE whatsapp_channel.souk_event SET state = 'done', attempts = attempts + 1 WHERE webhook_id = $1`,
          [row.webhook_id],
        );
      } catch (error) {
        if (!(error instanceof CloudApiUnavailableError))
          this.log.error({ err: error, webhookId: row.webhook_id }, 'telling an order update failed');
        await tx.query(
          `UPDATE whatsapp_channel.souk_event SET attempts = attempts + 1, last_error = $2,
             next_attempt_at = now() + make_interval(secs => $3) WHERE webhook_id = $1`,
          [
            row.webhook_id,
            error instanceof Error ? error.message : String(error),
            Math.min(600, 5 * 2 ** row.attempts),
          ],
        );
      }
      return true;
    });
  }

  private async tell(tx: pg.PoolClient, event: RetailerOrderEvent): Promise<void> {
    const say = TOLD[event.type];
    if (!say || !event.data?.orderId) return;
    const chat = (
      await tx.query(`SELECT wa_id, locale, retailer_names FROM whatsapp_channel.order_chat WHERE souk_order_id = $1`, [
        event.data.orderId,
      ])
    ).rows[0] as { wa_id: string; locale: string; retailer_names: Record<string, string> } | undefined;
    if (!chat) return;
    const t = stringsFor(chat.locale);
    const retailer = chat.retailer_names[event.data.retailerId] ?? '';
    await this.sender.send(
      chat.wa_id,
      chat.locale,
      textMessage(say(t, retailer, orderReference(event.data.orderId), event, this.moneyLocale())),
    );
  }
}
