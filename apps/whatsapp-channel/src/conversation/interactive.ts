import { interactiveMessage, type ChatMessage } from '../cloud-api/chat-message.js';
import { fitLine, fitText } from './fit-text.js';

/** The Cloud API's limits for interactive messages (Meta's documentation). */
export const LIMITS = {
  body: 1024,
  headerText: 60,
  button: 20,
  buttons: 3,
  listButton: 20,
  sectionTitle: 24,
  rowTitle: 24,
  rowDescription: 72,
  rows: 10,
  id: 200,
} as const;

export interface Button {
  readonly id: string;
  readonly title: string;
}

export interface Row {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}

/** Reply buttons (at most three) under a body, with an image header when given. */
export function buttonsMessage(body: string, buttons: readonly Button[], imageLink?: string | null): ChatMessage {
  const shown = buttons.slice(0, LIMITS.buttons);
  return interactiveMessage(
    {
      type: 'button',
      ...(imageLink ? { header: { type: 'image', image: { link: imageLink } } } : {}),
      body: { text: fitText(body, LIMITS.body) },
      action: {
        buttons: distinct(
          shown.map((button) => ({ id: button.id, title: fitLine(button.title, LIMITS.button) })),
          LIMITS.button,
        ).map((reply) => ({ type: 'reply', reply })),
      },
    },
    `${body}\n${shown.map((button) => `[${button.title}]`).join(' ')}`,
  );
}

/** A list message of one section (at most ten rows), opened by its button. */
export function listMessage(body: string, button: string, section: string, rows: readonly Row[]): ChatMessage {
  const shown = rows.slice(0, LIMITS.rows).map((row) => ({
    id: row.id.slice(0, LIMITS.id),
    title: fitLine(row.title, LIMITS.rowTitle),
    ...(row.description ? { description: fitLine(row.description, LIMITS.rowDescription) } : {}),
  }));
  return interactiveMessage(
    {
      type: 'list',
      body: { text: fitText(body, LIMITS.body) },
      action: {
        button: fitLine(button, LIMITS.listButton),
        sections: [{ title: fitLine(section, LIMITS.sectionTitle), rows: distinct(shown, LIMITS.rowTitle) }],
      },
    },
    `${body}\n${shown.map((row) => `- ${row.title}${row.description ? `: ${row.description}` : ''}`).join('\n')}`,
  );
}

/**
 * Titles made distinct, as the Cloud API requires for buttons and a buyer needs for rows: a title
 * seen before gets " (2)", " (3)"... within the limit.
 */
function distinct<T extends { title: string }>(items: readonly T[], limit: number): T[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const count = (seen.get(item.title) ?? 0) + 1;
    seen.set(item.title, count);
    if (count === 1) return item;
    const suffix = ` (${count})`;
    return { ...item, title: `${fitLine(item.title, limit - suffix.length).replace(/…$/, '')}${suffix}` };
  });
}
