import { fitText } from './text-fit.js';
import { toWellFormed } from './well-formed.js';
import { WhatsAppPayloadError } from './whatsapp-payload-error.js';
import type { WhatsAppText, WhatsAppTextHeader } from './whatsapp-payload-types.js';

/** Builder parts shared by the interactive message builders. Texts are fitted, ids are checked. */

/** `text` may be undefined at run time too: callers outside TypeScript forget required parts. */
export function requiredText(text: string | undefined, max: number, field: string): string {
  const fitted = fitText(text ?? '', max, { ellipsis: true });
  if (fitted === '') throw new WhatsAppPayloadError(`${field} is required and must not be blank`, field);
  return fitted;
}

/** Undefined when the text is absent or blank. */
export function optionalText(text: string | undefined, max: number): string | undefined {
  const fitted = fitText(text ?? '', max, { ellipsis: true });
  return fitted === '' ? undefined : fitted;
}

/** `{ header }` to spread into a payload, or nothing when there is no header text. */
export function optionalHeader(text: string | undefined, max: number): { header?: WhatsAppTextHeader } {
  const fitted = optionalText(text, max);
  return fitted === undefined ? {} : { header: { type: 'text', text: fitted } };
}

/** `{ footer }` to spread into a payload, or nothing when there is no footer text. */
export function optionalFooter(text: string | undefined, max: number): { footer?: WhatsAppText } {
  const fitted = optionalText(text, max);
  return fitted === undefined ? {} : { footer: { text: fitted } };
}

/** A section title, which the Cloud API requires once a message has more than one section. */
export function sectionTitle(
  title: string | undefined,
  max: number,
  field: string,
  required: boolean,
): { title?: string } {
  const fitted = optionalText(title, max);
  if (fitted !== undefined) return { title: fitted };
  if (required) throw new WhatsAppPayloadError(`${field} is required when a message has more than one section`, field);
  return {};
}

/**
 * An id exactly as given. Ids come back in the user's reply and must match, so they are never cut
 * or cleaned: one that does not fit is an error.
 */
export function checkedId(id: string, max: number, field: string): string {
  if (id === '' || id.trim() !== id) {
    throw new WhatsAppPayloadError(`${field} must be non-empty, without leading or trailing whitespace`, field);
  }
  if (toWellFormed(id) !== id) throw new WhatsAppPayloadError(`${field} contains an unpaired surrogate`, field);
  if (id.length > max) {
    throw new WhatsAppPayloadError(
      `${field} is ${id.length} characters long; the limit is ${max} and an id cannot be shortened`,
      field,
    );
  }
  return id;
}

export function checkUnique(values: readonly { readonly value: string; readonly field: string }[], what: string): void {
  const firstField = new Map<string, string>();
  for (const { value, field } of values) {
    const earlier = firstField.get(value);
    if (earlier !== undefined)
      throw new WhatsAppPayloadError(`${field} repeats the ${what} "${value}" of ${earlier}`, field);
    firstField.set(value, field);
  }
}

export interface KeptGroup<Item> {
  /** The group's position in the input, for error messages. */
  readonly index: number;
  readonly items: readonly Item[];
}

export interface CappedGroups<Item> {
  readonly kept: readonly KeptGroup<Item>[];
  readonly droppedGroups: number;
  readonly droppedItems: number;
}

/**
 * The leading groups and items, in order, within a cap on groups and a cap on items across all
 * groups. A group left with no items (empty, or past the item cap) is dropped too.
 */
export function capGroups<Item>(
  groups: readonly (readonly Item[])[],
  maxGroups: number,
  maxItems: number,
): CappedGroups<Item> {
  const kept: KeptGroup<Item>[] = [];
  let itemsIn = 0;
  let itemsKept = 0;
  groups.forEach((items, index) => {
    itemsIn += items.length;
    const taken = kept.length < maxGroups ? items.slice(0, maxItems - itemsKept) : [];
    if (taken.length === 0) return;
    kept.push({ index, items: taken });
    itemsKept += taken.length;
  });
  return { kept, droppedGroups: groups.length - kept.length, droppedItems: itemsIn - itemsKept };
}
