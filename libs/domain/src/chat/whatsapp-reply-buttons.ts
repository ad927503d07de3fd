import { REPLY_BUTTONS_LIMITS as LIMITS } from './whatsapp-limits.js';
import { WhatsAppPayloadError } from './whatsapp-payload-error.js';
import { checkedId, checkUnique, optionalFooter, optionalHeader, requiredText } from './whatsapp-payload-parts.js';
import type { BuiltPayload, WhatsAppInteractiveButtons } from './whatsapp-payload-types.js';

export interface ReplyButtonInput {
  readonly id: string;
  readonly title: string;
}

export interface ReplyButtonsInput {
  readonly body: string;
  readonly header?: string;
  readonly footer?: string;
  readonly buttons: readonly ReplyButtonInput[];
}

export interface ReplyButtonsDropped {
  readonly buttons: number;
}

/**
 * The `interactive` object of a reply buttons message. Texts are fitted to their limits; buttons
 * past the 3rd are dropped in order and counted.
 *
 * @throws WhatsAppPayloadError when there is no button, a button id is blank, too long or repeated,
 *   two kept buttons end up with the same label (the Cloud API wants them unique), or the body is blank.
 */
export function replyButtons(input: ReplyButtonsInput): BuiltPayload<WhatsAppInteractiveButtons, ReplyButtonsDropped> {
  const ids = input.buttons.map((button, b) => {
    const field = `buttons[${b}].id`;
    return { value: checkedId(button.id, LIMITS.buttonId, field), field };
  });
  checkUnique(ids, 'button id');
  if (ids.length === 0) throw new WhatsAppPayloadError('a reply buttons message needs at least one button', 'buttons');

  const buttons = input.buttons.slice(0, LIMITS.buttons).map((button, b) => ({
    type: 'reply' as const,
    reply: { id: button.id, title: requiredText(button.title, LIMITS.buttonTitle, `buttons[${b}].title`) },
  }));
  checkUnique(
    buttons.map(({ reply }, b) => ({ value: reply.title, field: `buttons[${b}].title` })),
    'button label',
  );

  return {
    payload: {
      type: 'button',
      ...optionalHeader(input.header, LIMITS.headerText),
      body: { text: requiredText(input.body, LIMITS.bodyText, 'body') },
      ...optionalFooter(input.footer, LIMITS.footerText),
      action: { buttons },
    },
    dropped: { buttons: input.buttons.length - buttons.length },
  };
}
