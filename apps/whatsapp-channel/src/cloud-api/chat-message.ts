/**
 * A message for one chat, before it is addressed: the Cloud API fields of its type, and the same
 * content as plain text for when the 24-hour window is closed and only a template may carry it.
 */
export interface ChatMessage {
  readonly type: 'text' | 'interactive' | 'image';
  /** The type's object: `{ text: {...} }`, `{ interactive: {...} }` or `{ image: {...} }`. */
  readonly content: Readonly<Record<string, unknown>>;
  readonly plainText: string;
}

export function textMessage(body: string): ChatMessage {
  return { type: 'text', content: { text: { body, preview_url: /https?:\/\//.test(body) } }, plainText: body };
}

export function interactiveMessage(interactive: Record<string, unknown>, plainText: string): ChatMessage {
  return { type: 'interactive', content: { interactive }, plainText };
}

export function imageMessage(link: string, caption: string): ChatMessage {
  return { type: 'image', content: { image: { link, caption } }, plainText: caption };
}

/** The whole Cloud API body of a message to `to`, replying to `replyTo` when given. */
export function addressed(to: string, message: ChatMessage, replyTo?: string): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    ...(replyTo ? { context: { message_id: replyTo } } : {}),
    type: message.type,
    ...message.content,
  };
}
