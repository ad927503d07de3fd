/** The `interactive` objects and the message that carries them, exactly as the Cloud API reads them. */

export interface WhatsAppText {
  readonly text: string;
}

export interface WhatsAppTextHeader {
  readonly type: 'text';
  readonly text: string;
}

export interface WhatsAppListRow {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}

export interface WhatsAppListSection {
  readonly title?: string;
  readonly rows: readonly WhatsAppListRow[];
}

export interface WhatsAppInteractiveList {
  readonly type: 'list';
  readonly header?: WhatsAppTextHeader;
  readonly body: WhatsAppText;
  readonly footer?: WhatsAppText;
  readonly action: { readonly button: string; readonly sections: readonly WhatsAppListSection[] };
}

export interface WhatsAppReplyButton {
  readonly type: 'reply';
  readonly reply: { readonly id: string; readonly title: string };
}

export interface WhatsAppInteractiveButtons {
  readonly type: 'button';
  readonly header?: WhatsAppTextHeader;
  readonly body: WhatsAppText;
  readonly footer?: WhatsAppText;
  readonly action: { readonly buttons: readonly WhatsAppReplyButton[] };
}

export interface WhatsAppProductSection {
  readonly title?: string;
  readonly product_items: readonly { readonly product_retailer_id: string }[];
}

export interface WhatsAppInteractiveProductList {
  readonly type: 'product_list';
  readonly header: WhatsAppTextHeader;
  readonly body: WhatsAppText;
  readonly footer?: WhatsAppText;
  readonly action: { readonly catalog_id: string; readonly sections: readonly WhatsAppProductSection[] };
}

export type WhatsAppInteractive = WhatsAppInteractiveList | WhatsAppInteractiveButtons | WhatsAppInteractiveProductList;

/** The body of POST /{PHONE_NUMBER_ID}/messages for an interactive message. */
export interface WhatsAppInteractiveMessage {
  readonly messaging_product: 'whatsapp';
  readonly recipient_type: 'individual';
  readonly to: string;
  readonly type: 'interactive';
  readonly interactive: WhatsAppInteractive;
}

/** What a builder produced and how much of its input it left out to stay within the limits. */
export interface BuiltPayload<Payload, Dropped> {
  readonly payload: Payload;
  readonly dropped: Dropped;
}
