import type pg from 'pg';
import { inTransaction } from '../database/in-transaction.js';

/** The notification channel on which a recorded Souk event wakes the order-update workers. */
export const SOUK_EVENT_NOTIFY_CHANNEL = 'whatsapp_channel_souk_events';

/** Records a Souk event once by its webhook-id (Souk retries and replays); true when it was new. */
export async function recordSoukEvent(pool: pg.Pool, webhookId: string, type: string, body: unknown): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const inserted = await client.query(
      `INSERT INTO whatsapp_channel.souk_event (webhook_id, type, body) VALUES ($1, $2, $3)
       ON CONFLICT (webhook_id) DO NOTHING`,
      [webhookId, type, JSON.stringify(body)],
    );
    if (inserted.rowCount) await client.query(`SELECT pg_notify($1, '')`, [SOUK_EVENT_NOTIFY_CHANNEL]);
    return Boolean(inserted.rowCount);
  });
}
