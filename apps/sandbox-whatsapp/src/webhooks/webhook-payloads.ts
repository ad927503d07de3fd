import type { WebhookError } from '../graph-errors.js';

/** The business phone number the webhooks are about. */
export interface BusinessAccount {
  /** The WhatsApp Business Account id: `entry[].id`. */
  readonly businessAccountId: string;
  readonly phoneNumberId: string;
  readonly displayPhoneNumber: string;
}

export interface OrderItem {
  readonly product_retailer_id: string;
  readonly quantity: number;
  readonly item_price: number;
  readonly currency: string;
}

/** `value.messages[]` of a messages webhook, for the kinds a phone user sends here. */
export interface InboundMessage {
  readonly from: string;
  readonly id: string;
  /** Unix seconds, as a string. */
  readonly timestamp: string;
  readonly type: 'text' | 'interactive' | 'order';
  /** The message replied to: `from` is the business's display number. */
  readonly context?: { readonly from: string; readonly id: string };
  readonly text?: { readonly body: string };
  readonly interactive?:
    | { readonly type: 'button_reply'; readonly button_reply: { readonly id: string; readonly title: string } }
    | {
        readonly type: 'list_reply';
        readonly list_reply: { readonly id: string; readonly title: string; readonly description?: string };
      };
  readonly order?: {
    readonly catalog_id: string;
    readonly text?: string;
    readonly product_items: readonly OrderItem[];
  };
}

export type MessageStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** `value.statuses[]`: what happened to a message the business sent. */
export interface StatusUpdate {
  /** The wamid the send answered with. */
  readonly id: string;
  readonly status: MessageStatus;
  readonly timestamp: string;
  readonly recipient_id: string;
  readonly biz_opaque_callback_data?: string;
  readonly conversation?: {
    readonly id: string;
    readonly expiration_timestamp?: string;
    readonly origin: { readonly type: string };
  };
  readonly pricing?: { readonly billable: boolean; readonly pricing_model: string; readonly category: string };
  readonly errors?: readonly WebhookError[];
}

export interface WebhookValue {
  readonly messaging_product: 'whatsapp';
  readonly metadata: { readonly display_phone_number: string; readonly phone_number_id: string };
  readonly contacts?: readonly { readonly profile: { readonly name: string }; readonly wa_id: string }[];
  readonly messages?: readonly InboundMessage[];
  readonly statuses?: readonly StatusUpdate[];
}

/** The body of every webhook POST: one entry, one change, `field: "messages"`. */
export interface WebhookNotification {
  readonly object: 'whatsapp_business_account';
  readonly entry: readonly {
    readonly id: string;
    readonly changes: readonly { readonly value: WebhookValue; readonly field: 'messages' }[];
  }[];
}

export function messageNotification(
  account: BusinessAccount,
  contact: { waId: string; name: string },
  message: InboundMessage,
): WebhookNotification {
  return notification(account, {
    contacts: [{ profile: { name: contact.name }, wa_id: contact.waId }],
    messages: [message],
  });
}

export function statusNotification(account: BusinessAccount, status: StatusUpdate): WebhookNotification {
  return notification(account, { statuses: [status] });
}

function notification(
  account: BusinessAccount,
  content: Pick<WebhookValue, 'contacts' | 'messages' | 'statuses'>,
): WebhookNotification {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: account.businessAccountId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: account.displayPhoneNumber, phone_number_id: account.phoneNumberId },
              ...content,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

export function unixSeconds(date: Date): string {
  return String(Math.floor(date.getTime() / 1000));
}
