/**
 * One Google Merchant Center item to a normalized offer. An ERROR drops the item (offer null), a
 * warning keeps it; all issues of an item are reported together, each with `field` = the Google
 * attribute name. Every string is trimmed and loses its control characters first.
 *
 * | attribute                  | when                                            | then                               |
 * |----------------------------|-------------------------------------------------|------------------------------------|
 * | id                         | missing or empty                                | ERROR                              |
 * | id                         | longer than OFFER_LIMITS.retailerItemId (200)   | ERROR                              |
 * | title                      | missing, or empty after HTML removal            | ERROR                              |
 * | title                      | contains HTML                                   | warning; tags removed              |
 * | title                      | longer than 150                                 | warning; cut at a word boundary    |
 * |                            |                                                 | (*)                                |
 * | link                       | missing, not an absolute http(s) URL, or over   | ERROR                              |
 * |                            | 2000                                            |                                    |
 * | price                      | missing                                         | ERROR                              |
 * | price                      | no currency code, or not an ISO 4217 code       | ERROR                              |
 * | price                      | unparsable, negative, or zero                   | ERROR                              |
 * | price                      | more decimals than the currency has             | warning; rounded half-even         |
 * | description                | contains HTML                                   | warning; plain text (**)           |
 * | description                | longer than 5000                                | warning; cut at a word boundary    |
 * |                            |                                                 | (*)                                |
 * | image_link                 | missing                                         | warning; null                      |
 * | image_link                 | not an absolute http(s) URL, or over 2000       | warning; null                      |
 * | additional_image_link      | one comma-separated string (TSV)                | split before each "http(s)://"     |
 * | additional_image_link      | an entry not an absolute http(s) URL, or over   | warning; that entry dropped        |
 * |                            | 2000                                            |                                    |
 * | additional_image_link      | more than 10 valid entries                      | warning; the first 10 kept         |
 * | availability               | missing or unknown                              | warning; out_of_stock (never sell  |
 * |                            |                                                 | what may not exist); "in stock",   |
 * |                            |                                                 | "pre-order" are known              |
 * | availability_date          | not ISO 8601                                    | warning; null                      |
 * | sale_price                 | unparsable, no/unknown code, other currency     | warning; sale price and window     |
 * |                            | than price, zero, or not below price            | dropped                            |
 * | sale_price                 | more decimals than the currency has             | warning; rounded half-even         |
 * | sale_price_effective_date  | not two ISO 8601 times joined by "/", or end <= | warning; sale price and window     |
 * |                            | start                                           | dropped                            |
 * | gtin                       | wrong length, non-digits, all zeros, bad check  | warning naming the reason; null    |
 * |                            | digit                                           |                                    |
 * | condition                  | unknown (missing is 'new', as at Google)        | warning; 'new'                     |
 * | quantity                   | not a non-negative integer                      | warning; null                      |
 * | product_type               | split on ">", parts trimmed, empty parts        |                                    |
 * |                            | removed                                         |                                    |
 * | product_type               | more than 10 levels / a level over 200          | warning; first 10 kept / level cut |
 * |                            |                                                 | (*)                                |
 * | brand                      | over 100                                        | warning; cut (*)                   |
 * | mpn, item_group_id,        | over 70, 200, 500 (an identifier cannot be cut) | warning; null                      |
 * | google_product_category    |                                                 |                                    |
 * | color, size, material,     | present: variantAttributes[name], one line      |                                    |
 * | pattern, gender, age_group | over 100                                        | warning; cut (*)                   |
 * | options.variantAttributes  | name lowercased, one line; value one line; the  | warning; cut (*) / beyond 20       |
 * |                            | item's own fields above win; value over 100     | names: dropped                     |
 * | options.descriptionIsHtml  | the description is HTML by design (a shop's     | converted without the HTML warning |
 * |                            | body_html)                                      |                                    |
 * | content_language           | "xx" or "xx-YY" gives "xx"; anything else       | warning; options.defaultLanguage   |
 * | (no content_language)      |                                                 | options.defaultLanguage, else null |
 *
 * (*) Cut at the last space when that keeps at least half the limit, else at a grapheme boundary;
 *     never inside a surrogate pair. Lengths are UTF-16 code units.
 * (**) With html-to-text: script, style, iframe (and the like) dropped with their content, links as
 *     their text only, entities decoded, whitespace collapsed, at most one blank line in a row.
 */
import {
  normalizeGtin,
  OFFER_LIMITS,
  parseAvailability,
  parseCondition,
  type Availability,
  type Condition,
  type NormalizeResult,
} from '#domain';
import { GoogleFields, type GoogleItemFields } from './google-fields.js';
import { readAdditionalImageLinks, readImageLink, readLink } from './google-links.js';
import { NO_SALE, readPrice, readSale } from './google-price.js';
import { htmlToPlainText } from './html-to-plain-text.js';
import { parseIsoDateTime } from './iso-date-time.js';
import { ItemIssues, quoteValue } from './item-issues.js';
import { cleanIdentifier, cleanLine, cleanParagraphs, cutText } from './plain-text.js';

export type { GoogleItemFields } from './google-fields.js';

export interface GoogleItemOptions {
  /** The language of the retailer's texts when the item has no content_language. */
  readonly defaultLanguage?: string | null;
  /** The description is HTML by design (a shop system's product body): converting it is no warning. */
  readonly descriptionIsHtml?: boolean;
  /** Variant attributes named by the source itself (a shop's option names: "Size", "Strap length"). */
  readonly variantAttributes?: Readonly<Record<string, string>>;
}

export const VARIANT_ATTRIBUTES = ['color', 'size', 'material', 'pattern', 'gender', 'age_group'] as const;

export function normalizeGoogleItem(fields: GoogleItemFields, options: GoogleItemOptions): NormalizeResult {
  const issues = new ItemIssues();
  const item = new GoogleFields(fields);

  const retailerItemId = readId(item, issues);
  const title = readTitle(item, issues);
  const link = readLink(item, issues);
  const price = readPrice(item, issues);
  const description = readDescription(item, options, issues);
  const imageLink = readImageLink(item, issues);
  const additionalImageLinks = readAdditionalImageLinks(item, issues);
  const availability = readAvailability(item, issues);
  const availabilityDate = readDate(item, 'availability_date', issues);
  const sale = price ? readSale(item, price, issues) : NO_SALE;
  const gtin = readGtin(item, issues);
  const condition = readCondition(item, issues);
  const categoryPath = readCategoryPath(item, issues);
  const variantAttributes = readVariantAttributes(item, options, issues);
  const stockQuantity = readQuantity(item, issues);
  const language = readLanguage(item, options, issues);
  const brand = readText(item, 'brand', OFFER_LIMITS.brand, issues);
  const mpn = readIdentifier(item, 'mpn', OFFER_LIMITS.mpn, issues);
  const itemGroupId = readIdentifier(item, 'item_group_id', OFFER_LIMITS.itemGroupId, issues);
  const googleProductCategory = readIdentifier(
    item,
    'google_product_category',
    OFFER_LIMITS.googleProductCategory,
    issues,
    cleanLine,
  );

  if (retailerItemId === null || title === null || link === null || price === null) {
    return { offer: null, issues: issues.list };
  }
  return {
    offer: {
      retailerItemId,
      title,
      description,
      link,
      imageLink,
      additionalImageLinks,
      availability,
      availabilityDate,
      price,
      ...sale,
      brand,
      gtin,
      mpn,
      condition,
      categoryPath,
      googleProductCategory,
      itemGroupId,
      variantAttributes,
      stockQuantity,
      language,
    },
    issues: issues.list,
  };
}

function readId(item: GoogleFields, issues: ItemIssues): string | null {
  const id = cleanIdentifier(item.one('id') ?? '');
  if (id === '') return issues.error('id', 'id is missing');
  if (id.length > OFFER_LIMITS.retailerItemId) {
    return issues.error('id', `id is ${id.length} characters long; at most ${OFFER_LIMITS.retailerItemId} are allowed`);
  }
  return id;
}

function readTitle(item: GoogleFields, issues: ItemIssues): string | null {
  const raw = item.one('title');
  if (raw === null) return issues.error('title', 'title is missing');
  const { text, hadMarkup } = htmlToPlainText(raw);
  const title = cleanLine(text);
  if (title === '') return issues.error('title', 'title is empty once its HTML is removed');
  if (hadMarkup) issues.warning('title', 'title contained HTML; the tags were removed');
  return cutWithWarning(title, OFFER_LIMITS.title, 'title', issues);
}

function readDescription(item: GoogleFields, options: GoogleItemOptions, issues: ItemIssues): string | null {
  const raw = item.one('description');
  if (raw === null) return null;
  const { text, hadMarkup } = htmlToPlainText(raw);
  if (hadMarkup && !options.descriptionIsHtml)
    issues.warning('description', 'description contained HTML; it was converted to plain text');
  const description = cleanParagraphs(text);
  return description === '' ? null : cutWithWarning(description, OFFER_LIMITS.description, 'description', issues);
}

function cutWithWarning(text: string, max: number, field: string, issues: ItemIssues): string {
  const cut = cutText(text, max);
  if (cut.length < text.length)
    issues.warning(field, `${field} was cut from ${text.length} to ${cut.length} characters (at most ${max})`);
  return cut;
}

/** A one-line text attribute, cut to `max`; null when absent. */
function readText(item: GoogleFields, field: string, max: number, issues: ItemIssues): string | null {
  const text = cleanLine(item.one(field) ?? '');
  return text === '' ? null : cutWithWarning(text, max, field, issues);
}

/** An identifier attribute: dropped rather than cut when too long, as a cut one would name something else. */
function readIdentifier(
  item: GoogleFields,
  field: string,
  max: number,
  issues: ItemIssues,
  clean = cleanIdentifier,
): string | null {
  const text = clean(item.one(field) ?? '');
  if (text === '') return null;
  if (text.length <= max) return text;
  issues.warning(field, `${field} is ${text.length} characters long (at most ${max}); it was dropped`);
  return null;
}

function readAvailability(item: GoogleFields, issues: ItemIssues): Availability {
  const raw = item.one('availability');
  const availability = raw === null ? null : parseAvailability(raw);
  if (availability !== null) return availability;
  const problem = raw === null ? 'availability is missing' : `availability ${quoteValue(raw)} is unknown`;
  issues.warning('availability', `${problem}; the item is treated as out_of_stock`);
  return 'out_of_stock';
}

function readDate(item: GoogleFields, field: string, issues: ItemIssues): string | null {
  const raw = item.one(field);
  if (raw === null) return null;
  const date = parseIsoDateTime(raw);
  if (date === null) issues.warning(field, `${field} ${quoteValue(raw)} is not an ISO 8601 date; it was dropped`);
  return date;
}

function readGtin(item: GoogleFields, issues: ItemIssues): string | null {
  const raw = item.one('gtin');
  if (raw === null) return null;
  const result = normalizeGtin(raw);
  if ('gtin' in result) return result.gtin;
  issues.warning('gtin', `gtin ${quoteValue(raw)}: ${result.error}; it was dropped`);
  return null;
}

function readCondition(item: GoogleFields, issues: ItemIssues): Condition {
  const raw = item.one('condition');
  if (raw === null) return 'new';
  const condition = parseCondition(raw);
  if (condition !== null) return condition;
  issues.warning('condition', `condition ${quoteValue(raw)} is unknown; the item is treated as new`);
  return 'new';
}

function readCategoryPath(item: GoogleFields, issues: ItemIssues): string[] {
  const field = 'product_type';
  const levels = (item.one(field) ?? '')
    .split('>')
    .map(cleanLine)
    .filter((level) => level !== '')
    .map((level) => cutWithWarning(level, OFFER_LIMITS.categoryName, field, issues));
  if (levels.length > OFFER_LIMITS.categoryPathDepth) {
    issues.warning(
      field,
      `${field} has ${levels.length} levels; only the first ${OFFER_LIMITS.categoryPathDepth} were kept`,
    );
  }
  return levels.slice(0, OFFER_LIMITS.categoryPathDepth);
}

function readVariantAttributes(
  item: GoogleFields,
  options: GoogleItemOptions,
  issues: ItemIssues,
): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of VARIANT_ATTRIBUTES) {
    const value = readText(item, name, OFFER_LIMITS.variantValue, issues);
    if (value !== null) attributes[name] = value;
  }
  for (const [rawName, rawValue] of Object.entries(options.variantAttributes ?? {})) {
    const name = cleanLine(rawName).toLowerCase();
    const value = cleanLine(rawValue);
    if (name === '' || value === '' || name in attributes) continue;
    if (Object.keys(attributes).length >= OFFER_LIMITS.variantAttributes) {
      issues.warning(
        `variant:${name}`,
        `more than ${OFFER_LIMITS.variantAttributes} variant attributes; ${quoteValue(name)} was dropped`,
      );
      continue;
    }
    attributes[name] = cutWithWarning(value, OFFER_LIMITS.variantValue, `variant:${name}`, issues);
  }
  return attributes;
}

function readQuantity(item: GoogleFields, issues: ItemIssues): number | null {
  const raw = item.one('quantity');
  if (raw === null) return null;
  const text = raw.trim();
  const quantity = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(quantity)) return quantity;
  issues.warning('quantity', `quantity ${quoteValue(text)} is not a whole number of 0 or more; it was dropped`);
  return null;
}

/** "en", "EN", "en-US" and "en_US" give "en"; anything else null. */
function languageCode(text: string): string | null {
  const match = /^([a-z]{2})(?:[-_][a-z0-9]{1,8})*$/i.exec(text.trim());
  return match ? match[1].toLowerCase() : null;
}

function readLanguage(item: GoogleFields, options: GoogleItemOptions, issues: ItemIssues): string | null {
  const fallback = languageCode(options.defaultLanguage ?? '');
  const raw = item.one('content_language');
  if (raw === null) return fallback;
  const language = languageCode(raw);
  if (language !== null) return language;
  const instead = fallback === null ? 'the language is left unknown' : `the default language (${fallback}) is used`;
  issues.warning(
    'content_language',
    `content_language ${quoteValue(raw)} is not a 2-letter ISO 639-1 code; ${instead}`,
  );
  return fallback;
}
