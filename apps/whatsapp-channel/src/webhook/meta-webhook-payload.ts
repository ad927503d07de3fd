import { z } from 'zod';

/**
 * The parts of a WhatsApp Cloud API webhook the channel reads. Unknown fields are kept out of the
 * way (Meta adds fields over time); an event of another kind is ignored, not refused.
 */
const orderItem = z.object({
  product_retailer_id: z.string(),
  // Numbers in Meta's documentation, strings in some deliveries: both are read.
  quantity: z.union([z.number(), z.string()]).transform(Number),
  item_price: z.union([z.number(), z.string()]).transform(Number),
  currency: z.string(),
});

export const inboundMessageSchema = z.object({
  id: z.string().min(1),
  from: z.string().min(1),
  timestamp: z.string().regex(/^\d+$/),
  type: z.string(),
  context: z.object({ id: z.string().optional() }).optional(),
  text: z.object({ body: z.string() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }).optional(),
    })
    .optional(),
  button: z.object({ payload: z.string().optional(), text: z.string() }).optional(),
  order: z
    .object({ catalog_id: z.string().optional(), text: z.string().optional(), product_items: z.array(orderItem) })
    .optional(),
});

export type InboundMessage = z.infer<typeof inboundMessageSchema>;

export const statusSchema = z.object({
  id: z.string().min(1),
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  timestamp: z.string(),
  recipient_id: z.string(),
  errors: z
    .array(z.object({ code: z.number(), title: z.string().optional(), message: z.string().optional() }).loose())
    .optional(),
});

export type MessageStatus = z.infer<typeof statusSchema>;

const valueSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  metadata: z.object({ phone_number_id: z.string() }).loose(),
  contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() })).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

const webhookSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.object({ id: z.string(), changes: z.array(z.object({ field: z.string(), value: z.unknown() })) })),
});

export interface WebhookContents {
  readonly messages: { readonly message: InboundMessage; readonly profileName: string | null }[];
  readonly statuses: MessageStatus[];
  /** Entries that could not be read, for the log. */
  readonly skipped: number;
}

/**
 * The messages and statuses of a webhook for this phone number. Returns null when the body is not
 * a WhatsApp Business Account webhook at all.
 */
export function readWebhook(body: unknown, phoneNumberId: string): WebhookContents | null {
  const webhook = webhookSchema.safeParse(body);
  if (!webhook.success) return null;
  const contents: WebhookContents = { messages: [], statuses: [], skipped: 0 };
  let skipped = 0;
  for (const entry of webhook.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      const value = valueSchema.safeParse(change.value);
      if (!value.success || value.data.metadata.phone_number_id !== phoneNumberId) {
        skipped += 1;
        continue;
      }
      const names = new Map(
        (value.data.contacts ?? []).map((contact) => [contact.wa_id, contact.profile?.name ?? null]),
      );
      for (const raw of value.data.messages ?? []) {
        const message = inboundMessageSchema.safeParse(raw);
        if (message.success)
          contents.messages.push({ message: message.data, profileName: names.get(message.data.from) ?? null });
        else skipped += 1;
      }
      for (const raw of value.data.statuses ?? []) {
        const status = statusSchema.safeParse(raw);
        if (status.success) contents.statuses.push(status.data);
        else skipped += 1;
      }
    }
  }
  return { ...contents, skipped };
}
