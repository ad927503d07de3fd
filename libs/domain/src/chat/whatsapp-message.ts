import { WhatsAppPayloadError } from './whatsapp-payload-error.js';
import type { WhatsAppInteractive, WhatsAppInteractiveMessage } from './whatsapp-payload-types.js';

/**
 * The whole Cloud API message for an `interactive` object. `to` is the user's WhatsApp ID or phone
 * number as the inbound webhook gave it. Free-form messages like this one may only be sent within
 * 24 hours of the user's last message.
 */
export function interactiveMessage(to: string, interactive: WhatsAppInteractive): WhatsAppInteractiveMessage {
  const recipient = to.trim();
  if (recipient === '') throw new WhatsAppPayloadError('to is required and must not be blank', 'to');
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: recipient,
    type: 'interactive',
    interactive,
  };
}
