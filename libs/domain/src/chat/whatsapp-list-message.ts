import { LIST_MESSAGE_LIMITS as LIMITS } from './whatsapp-limits.js';
import { WhatsAppPayloadError } from './whatsapp-payload-error.js';
import {
  capGroups,
  checkedId,
  checkUnique,
  optionalFooter,
  optionalHeader,
  optionalText,
  requiredText,
  sectionTitle,
} from './whatsapp-payload-parts.js';
import type { BuiltPayload, WhatsAppInteractiveList, WhatsAppListRow } from './whatsapp-payload-types.js';

export interface ListRowInput {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}

export interface ListSectionInput {
  /** Required when more than one section is sent. */
  readonly title?: string;
  readonly rows: readonly ListRowInput[];
}

export interface ListMessageInput {
  readonly body: string;
  readonly header?: string;
  readonly footer?: string;
  /** The button that opens the list. */
  readonly buttonLabel: string;
  readonly sections: readonly ListSectionInput[];
}

/** Input sections and rows that are not in the payload. */
export interface ListMessageDropped {
  readonly sections: number;
  readonly rows: number;
}

/**
 * The `interactive` object of a list message. Texts are fitted to their limits; sections past the
 * 10th and rows past the 10th in all (and sections left empty) are dropped in order and counted.
 *
 * @throws WhatsAppPayloadError when there is no row, a row id is blank, too long or repeated, a
 *   required text is blank, or several sections are sent and one has no title.
 */
export function listMessage(input: ListMessageInput): BuiltPayload<WhatsAppInteractiveList, ListMessageDropped> {
  const ids = input.sections.flatMap((section, s) =>
    section.rows.map((row, r) => {
      const field = `sections[${s}].rows[${r}].id`;
      return { value: checkedId(row.id, LIMITS.rowId, field), field };
    }),
  );
  checkUnique(ids, 'row id');
  if (ids.length === 0) throw new WhatsAppPayloadError('a list message needs at least one row', 'sections');

  const capped = capGroups(
    input.sections.map((section) => section.rows),
    LIMITS.sections,
    LIMITS.rowsTotal,
  );
  const several = capped.kept.length > 1;
  const sections = capped.kept.map(({ index, items }) => ({
    ...sectionTitle(input.sections[index].title, LIMITS.sectionTitle, `sections[${index}].title`, several),
    rows: items.map((row, r) => listRow(row, `sections[${index}].rows[${r}]`)),
  }));

  return {
    payload: {
      type: 'list',
      ...optionalHeader(input.header, LIMITS.headerText),
      body: { text: requiredText(input.body, LIMITS.bodyText, 'body') },
      ...optionalFooter(input.footer, LIMITS.footerText),
      action: { button: requiredText(input.buttonLabel, LIMITS.buttonLabel, 'buttonLabel'), sections },
    },
    dropped: { sections: capped.droppedGroups, rows: capped.droppedItems },
  };
}

function listRow(row: ListRowInput, field: string): WhatsAppListRow {
  const description = optionalText(row.description, LIMITS.rowDescription);
  return {
    id: row.id,
    title: requiredText(row.title, LIMITS.rowTitle, `${field}.title`),
    ...(description === undefined ? {} : { description }),
  };
}
