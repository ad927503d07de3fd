import type { OutboundEntry, UserMessage } from '#sandbox-whatsapp';
import { eventually } from '../../../../test/support/order-fixtures.js';
import type { ChatHarness } from './chat-harness.js';

/** What a person sees of one message from the business: its text, and the buttons or rows to tap. */
export interface Seen {
  readonly text: string;
  readonly buttons: readonly { id: string; title: string }[];
  readonly rows: readonly { id: string; title: string; description?: string }[];
  readonly image: string | null;
  readonly type: string;
}

/** A phone shows a no-break space as a space; the expectations are written with spaces. */
const shown = (text: string) => text.replace(/\u00a0/g, ' ');

export function seen(entry: OutboundEntry): Seen {
  const message = entry.message as Record<string, any>;
  const interactive = message.interactive as Record<string, any> | undefined;
  const text =
    entry.templateText ??
    (message.text?.body as string | undefined) ??
    (interactive?.body?.text as string | undefined) ??
    (message.image?.caption as string | undefined) ??
    '';
  return {
    text: shown(text),
    type: interactive ? `interactive:${interactive.type as string}` : String(message.type),
    buttons: (interactive?.action?.buttons ?? []).map((button: any) => ({
      id: button.reply.id,
      title: shown(button.reply.title),
    })),
    rows: (interactive?.action?.sections ?? []).flatMap((section: any) =>
      (section.rows ?? []).map((row: any) => ({
        id: row.id,
        title: shown(row.title),
        ...(row.description ? { description: shown(row.description) } : {}),
      })),
    ),
    image: interactive?.header?.type === 'image' ? (interactive.header.image.link as string) : null,
  };
}

/**
 * The buyer sends a message, and gets what the channel answered to it: waits until the channel
 * has handled that message (its inbox row is done, so every reply was sent) and returns the
 * messages the phone received after it.
 */
export async function say(h: ChatHarness, waId: string, message: UserMessage, name = 'Ayla de Vries'): Promise<Seen[]> {
  const { wamid } = await h.whatsapp.userSends(waId, message, { name });
  await handled(h, wamid);
  return repliesTo(h, waId, wamid);
}

export async function handled(h: ChatHarness, wamid: string, timeoutMs = 20_000): Promise<void> {
  await eventually(
    async () =>
      (await h.souk.sql.query(`SELECT state FROM whatsapp_channel.inbound_message WHERE wamid = $1`, [wamid])).rows[0]
        ?.state as string | undefined,
    (state) => state === 'done',
    timeoutMs,
    `the channel to handle ${wamid}`,
  );
}

export function repliesTo(h: ChatHarness, waId: string, wamid: string): Seen[] {
  const entries = h.whatsapp.conversation(waId);
  const index = entries.findIndex((entry) => entry.direction === 'in' && entry.wamid === wamid);
  return entries
    .slice(index + 1)
    .filter((entry): entry is OutboundEntry => entry.direction === 'out')
    .map(seen);
}

/** The one button or row whose title matches, to tap it. */
export function tap(replies: readonly Seen[], title: RegExp): UserMessage {
  for (const reply of replies) {
    const button = reply.buttons.find((candidate) => title.test(candidate.title));
    if (button) return { button_reply: { id: button.id } };
    const row = reply.rows.find((candidate) => title.test(candidate.title));
    if (row) return { list_reply: { id: row.id } };
  }
  throw new Error(`nothing to tap matches ${title}; the replies were ${JSON.stringify(replies)}`);
}
