import type { WebhookError } from './graph-errors.js';
import { newConversationId } from './ids.js';
import type { Records } from './records.js';
import type { WebhookDispatcher } from './webhooks/webhook-delivery.js';
import {
  statusNotification,
  unixSeconds,
  type BusinessAccount,
  type MessageStatus,
  type StatusUpdate,
} from './webhooks/webhook-payloads.js';
import { webhookHeaders } from './webhooks/webhook-signature.js';

export interface StatusContext {
  /** `service` for a free-form reply, else the template's category. */
  readonly category: string;
  readonly callbackData?: string;
}

const CONVERSATION_MS = 24 * 60 * 60 * 1000;

/**
 * Tells the webhook what became of the messages the business sent, as status callbacks signed
 * like every webhook: `sent` and `delivered` (with the conversation and pricing), `read`, or
 * `failed` with `errors[]`. A user's conversation lasts 24 hours from its first message.
 */
export class StatusReporter {
  private readonly conversations = new Map<string, { id: string; expiresAt: number }>();
  private readonly contexts = new Map<string, StatusContext>();

  constructor(
    private readonly account: BusinessAccount,
    private readonly appSecret: () => string,
    private readonly records: Records,
    private readonly dispatcher: WebhookDispatcher,
    private readonly now: () => Date,
  ) {}

  /** The statuses of a message that reached the phone. */
  accepted(waId: string, wamid: string, context: StatusContext): void {
    this.contexts.set(wamid, context);
    this.report(waId, wamid, 'sent');
    this.report(waId, wamid, 'delivered');
  }

  failed(waId: string, wamid: string, context: StatusContext, error: WebhookError): void {
    this.contexts.set(wamid, context);
    this.report(waId, wamid, 'failed', [error]);
  }

  /** `read` for each delivered message to the user that is not read yet (all, or those listed). */
  read(waId: string, wamids?: readonly string[]): string[] {
    const unread = this.records
      .conversation(waId)
      .filter(
        (entry) =>
          entry.direction === 'out' &&
          entry.status === 'delivered' &&
          (wamids === undefined || wamids.includes(entry.wamid)),
      )
      .map((entry) => entry.wamid);
    for (const wamid of unread) this.report(waId, wamid, 'read');
    return unread;
  }

  private report(waId: string, wamid: string, status: MessageStatus, errors?: WebhookError[]): void {
    const at = this.now();
    const context = this.contexts.get(wamid) ?? { category: 'service' };
    const update: StatusUpdate = {
      id: wamid,
      status,
      timestamp: unixSeconds(at),
      recipient_id: waId,
      ...(context.callbackData !== undefined ? { biz_opaque_callback_data: context.callbackData } : {}),
      ...(status === 'sent' || status === 'delivered'
        ? this.billing(waId, at, context.category, status === 'sent')
        : {}),
      ...(errors ? { errors } : {}),
    };
    const body = JSON.stringify(statusNotification(this.account, update));
    this.records.addStatus({ wamid, waId, status, at: at.toISOString(), ...(errors ? { errors } : {}) });
    this.dispatcher.enqueue({
      kind: 'status',
      waId,
      wamid,
      status,
      body,
      headers: webhookHeaders(this.appSecret(), body),
    });
  }

  private billing(
    waId: string,
    at: Date,
    category: string,
    withExpiry: boolean,
  ): Pick<StatusUpdate, 'conversation' | 'pricing'> {
    let conversation = this.conversations.get(waId);
    if (!conversation || conversation.expiresAt <= at.getTime()) {
      conversation = { id: newConversationId(), expiresAt: at.getTime() + CONVERSATION_MS };
      this.conversations.set(waId, conversation);
    }
    return {
      conversation: {
        id: conversation.id,
        ...(withExpiry ? { expiration_timestamp: unixSeconds(new Date(conversation.expiresAt)) } : {}),
        origin: { type: category },
      },
      pricing: { billable: true, pricing_model: 'CBP', category },
    };
  }
}
