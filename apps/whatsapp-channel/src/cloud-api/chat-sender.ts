import type { Logger } from 'pino';
import type pg from 'pg';
import { fitText } from '../conversation/fit-text.js';
import { addressed, type ChatMessage } from './chat-message.js';
import type { CloudApiClient, SendResult } from './cloud-api-client.js';

/** Templates carry one body parameter; the Cloud API takes up to 1024 characters in it. */
const TEMPLATE_PARAMETER_LIMIT = 1024;

export interface TemplateSettings {
  readonly name: string;
  /** The template's language code for a conversation locale, e.g. `en` or `nl`. */
  readonly languageFor: (locale: string) => string;
}

/**
 * Sends messages to chats and records each one with its outcome: accepted (its wamid, whose
 * statuses the webhook then reports), undeliverable (131026), or rejected. When the 24-hour
 * window is closed (131047, in the answer or later in a failed status), the message goes again as
 * the re-engagement template carrying its text.
 */
export class ChatSender {
  constructor(
    private readonly pool: pg.Pool,
    private readonly cloud: CloudApiClient,
    private readonly template: TemplateSettings,
    private readonly log: Logger,
  ) {}

  async send(waId: string, locale: string, message: ChatMessage, replyTo?: string): Promise<SendResult> {
    const body = addressed(waId, message, replyTo);
    const result = await this.cloud.send(body);
    await this.record(waId, locale, message.type, body, message.plainText, result);
    if (result.kind !== 'window-closed') return this.logged(waId, result);
    return this.sendTemplate(waId, locale, message.plainText);
  }

  /** The text in the re-engagement template, the only kind of message allowed outside the 24-hour window. */
  async sendTemplate(waId: string, locale: string, text: string): Promise<SendResult> {
    const template = this.templateMessage(waId, locale, text);
    const result = await this.cloud.send(template);
    await this.record(waId, locale, 'template', template, text, result);
    return this.logged(waId, result);
  }

  /**
   * Sends again, as the template, one message that Meta took and then reported failed with 131047
   * (its usual way of saying the window was closed). True when there was one.
   */
  async resendOneAsTemplate(): Promise<boolean> {
    const claimed = await this.pool.query(
      `UPDATE whatsapp_channel.outbound_message SET template_due = false
        WHERE id = (SELECT id FROM whatsapp_channel.outbound_message WHERE template_due
                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING wa_id, language, plain_text`,
    );
    const row = claimed.rows[0] as { wa_id: string; language: string; plain_text: string } | undefined;
    if (!row) return false;
    await this.sendTemplate(row.wa_id, row.language, row.plain_text);
    return true;
  }

  private templateMessage(to: string, locale: string, text: string): Record<string, unknown> {
    return {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'template',
      template: {
        name: this.template.name,
        language: { code: this.template.languageFor(locale) },
        components: [{ type: 'body', parameters: [{ type: 'text', text: fitText(text, TEMPLATE_PARAMETER_LIMIT) }] }],
      },
    };
  }

  private async record(
    waId: string,
    language: string,
    kind: string,
    payload: object,
    plainText: string,
    result: SendResult,
  ): Promise<void> {
    const status =
      result.kind === 'accepted' ? 'accepted' : result.kind === 'undeliverable' ? 'undeliverable' : 'rejected';
    await this.pool.query(
      `INSERT INTO whatsapp_channel.outbound_message (wa_id, wamid, kind, payload, plain_text, language, status, error)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        waId,
        result.kind === 'accepted' ? result.wamid : null,
        kind,
        JSON.stringify(payload),
        plainText,
        language,
        status,
        result.kind === 'accepted' ? null : JSON.stringify(result.error),
      ],
    );
  }

  private logged(waId: string, result: SendResult): SendResult {
    if (result.kind === 'rejected') this.log.error({ waId, error: result.error }, 'the Cloud API refused a message');
    if (result.kind === 'undeliverable') this.log.warn({ waId, error: result.error }, 'message undeliverable');
    return result;
  }
}
