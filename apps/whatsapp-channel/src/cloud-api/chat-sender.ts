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
 * window is closed (131047), the message goes again as the re-engagement template carrying its text.
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
    await this.record(waId, message.type, body, result);
    if (result.kind !== 'window-closed') return this.logged(waId, result);
    const template = this.templateMessage(waId, locale, message.plainText);
    const retried = await this.cloud.send(template);
    await this.record(waId, 'template', template, retried);
    return this.logged(waId, retried);
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

  private async record(waId: string, kind: string, payload: object, result: SendResult): Promise<void> {
    const status = result.kind === 'accepted' ? 'accepted' : result.kind === 'undeliverable' ? 'undeliverable' : 'rejected';
    await this.pool.query(
      `INSERT INTO whatsapp_channel.outbound_message (wa_id, wamid, kind, payload, status, error) VALUES ($1, $2, $3, $4, $5, $6)`,
      [waId, result.kind === 'accepted' ? result.wamid : null, kind, JSON.stringify(payload), status, result.kind === 'accepted' ? null : JSON.stringify(result.error)],
    );
  }

  private logged(waId: string, result: SendResult): SendResult {
    if (result.kind === 'rejected') this.log.error({ waId, error: result.error }, 'the Cloud API refused a message');
    if (result.kind === 'undeliverable') this.log.warn({ waId, error: result.error }, 'message undeliverable');
    return result;
  }
}
