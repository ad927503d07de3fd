import type pg from 'pg';
import { inTransaction } from '../database/in-transaction.js';
import type { MessageStatus, WebhookContents } from '../webhook/meta-webhook-payload.js';

/** The notification channel on which a recorded message wakes the workers of every process. */
export const INBOX_NOTIFY_CHANNEL = 'whatsapp_channel_inbox';

/** A message Meta took and then failed because the 24-hour window was closed (reported in its status). */
const REENGAGEMENT_ERROR = 131047;

/** The notification channel on which such a failure wakes the worker that sends the template instead. */
export const TEMPLATE_NOTIFY_CHANNEL = 'whatsapp_channel_templates';

/** How far a status may move: a late `delivered` never replaces `read`; `failed` always wins. */
const STATUS_RANK: Record<MessageStatus['status'], number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * Records what a webhook brought, in one transaction, before the webhook is answered: each inbound
 * message once by its wamid (Meta redelivers), its conversation created when new, and the
 * statuses of messages the channel sent. Returns how many messages were new.
 */
export async function recordWebhook(pool: pg.Pool, contents: WebhookContents, defaultLocale: string): Promise<number> {
  if (contents.messages.length === 0 && contents.statuses.length === 0) return 0;
  return inTransaction(pool, async (client) => {
    let fresh = 0;
    let templatesDue = false;
    for (const { message, profileName } of contents.messages) {
      const sentAt = new Date(Number(message.timestamp) * 1000);
      await client.query(
        `INSERT INTO whatsapp_channel.conversation (wa_id, profile_name, locale, last_inbound_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (wa_id) DO UPDATE SET profile_name = COALESCE(EXCLUDED.profile_name, conversation.profile_name),
           last_inbound_at = GREATEST(conversation.last_inbound_at, EXCLUDED.last_inbound_at), updated_at = now()`,
        [message.from, profileName, defaultLocale, sentAt],
      );
      const inserted = await client.query(
        `INSERT INTO whatsapp_channel.inbound_message (wamid, wa_id, sent_at, message) VALUES ($1, $2, $3, $4)
         ON CONFLICT (wamid) DO NOTHING`,
        [message.id, message.from, sentAt, JSON.stringify(message)],
      );
      fresh += inserted.rowCount ?? 0;
    }
    for (const status of contents.statuses) {
      const windowClosed =
        status.status === 'failed' && (status.errors ?? []).some((error) => error.code === REENGAGEMENT_ERROR);
      await client.query(
        `UPDATE whatsapp_channel.outbound_message SET status = $2, error = $3, status_at = now(),
          template_due = template_due OR $5
          WHERE wamid = $1 AND (status NOT IN ('sent', 'delivered', 'read', 'failed')
                                OR $4 > CASE status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2
                                             WHEN 'read' THEN 3 ELSE 4 END)`,
        [
          status.id,
          status.status,
          status.errors ? JSON.stringify(status.errors) : null,
          STATUS_RANK[status.status],
          windowClosed,
        ],
      );
      templatesDue ||= windowClosed;
    }
    if (fresh > 0) await client.query(`SELECT pg_notify($1, '')`, [INBOX_NOTIFY_CHANNEL]);
    if (templatesDue) await client.query(`SELECT pg_notify($1, '')`, [TEMPLATE_NOTIFY_CHANNEL]);
    return fresh;
  });
}
