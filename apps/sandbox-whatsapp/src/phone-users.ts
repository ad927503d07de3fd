import type { Catalog } from './catalog/catalog.js';
import { newWamid } from './ids.js';
import type { Records } from './records.js';
import { inboundMessage, type UserMessage } from './user-messages.js';
import type { DeliveryAttempt, WebhookDelivery, WebhookDispatcher } from './webhooks/webhook-delivery.js';
import {
  messageNotification,
  unixSeconds,
  type BusinessAccount,
  type InboundMessage,
} from './webhooks/webhook-payloads.js';
import { webhookHeaders } from './webhooks/webhook-signature.js';

export interface UserSendOptions {
  /** The user's WhatsApp profile name (`contacts[].profile.name`); kept for later messages. */
  readonly name?: string;
}

export interface UserSendResult {
  readonly wamid: string;
  /** `value.messages[0]` as the webhook carries it. */
  readonly message: InboundMessage;
  /** The delivery as queued; read its progress with `deliveries()` or wait with `settled()`. */
  readonly delivery: WebhookDelivery;
}

/**
 * People on their phones: each thing a user does becomes a messages webhook with a new wamid,
 * signed with the app secret and queued for delivery (with redelivery), and a line in the user's
 * transcript. The simulator page and the tests both come through here.
 */
export class PhoneUsers {
  constructor(
    private readonly account: BusinessAccount & { readonly catalogId: string },
    private readonly appSecret: () => string,
    private readonly records: Records,
    private readonly catalog: Catalog,
    private readonly dispatcher: WebhookDispatcher,
    private readonly now: () => Date,
  ) {}

  async send(waId: string, input: UserMessage, options: UserSendOptions = {}): Promise<UserSendResult> {
    const { message, body, at } = await this.build(waId, input, options);
    this.records.user(waId, options.name);
    this.records.addInbound(waId, message, at);
    const delivery = this.dispatcher.enqueue({
      kind: 'message',
      waId,
      wamid: message.id,
      body,
      headers: webhookHeaders(this.appSecret(), body),
    });
    return { wamid: message.id, message, delivery };
  }

  /** A webhook for what the user did, signed with a wrong secret, sent once; nothing enters the transcript. */
  async sendWithBadSignature(
    waId: string,
    input: UserMessage,
    options: UserSendOptions = {},
  ): Promise<WebhookDelivery> {
    const { message, body } = await this.build(waId, input, options);
    return this.dispatcher.attemptOnce({
      kind: 'message',
      waId,
      wamid: message.id,
      body,
      headers: webhookHeaders(`${this.appSecret()}-wrong`, body),
      signature: 'bad',
    });
  }

  /** The webhook of an earlier user message again, byte for byte (a duplicate, as Meta sends them). */
  async redeliver(wamid: string): Promise<DeliveryAttempt> {
    const delivery = this.dispatcher
      .deliveries()
      .find((entry) => entry.kind === 'message' && entry.wamid === wamid && entry.signature === 'valid');
    if (!delivery) throw new Error(`No user message ${wamid} was delivered.`);
    return this.dispatcher.redeliver(delivery.id);
  }

  private async build(
    waId: string,
    input: UserMessage,
    options: UserSendOptions,
  ): Promise<{ message: InboundMessage; body: string; at: Date }> {
    if (!/^\d{7,15}$/.test(waId)) throw new TypeError(`A WhatsApp ID is 7 to 15 digits, not ${JSON.stringify(waId)}.`);
    const name = options.name ?? this.records.knownUser(waId)?.name ?? waId;
    const at = this.now();
    const message = await inboundMessage(input, {
      waId,
      wamid: newWamid(waId),
      timestamp: unixSeconds(at),
      displayPhoneNumber: this.account.displayPhoneNumber,
      catalogId: this.account.catalogId,
      transcript: this.records.conversation(waId),
      product: (retailerId) => this.catalog.product(retailerId),
    });
    const body = JSON.stringify(messageNotification(this.account, { waId, name }, message));
    return { message, body, at };
  }
}
