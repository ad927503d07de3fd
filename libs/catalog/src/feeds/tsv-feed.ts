import { FEED_ATTRIBUTES, type FeedItem } from './feed-item.js';

/** The header row of the TSV feed: the attribute names. */
export function tsvHeader(): string {
  return FEED_ATTRIBUTES.join('\t') + '\n';
}

/**
 * One item as a TSV row: tabs and line breaks inside values become spaces; a value with a quote is quoted, its quotes
 * doubled.
 */
export function tsvRow(item: FeedItem): string {
  return (
    FEED_ATTRIBUTES.map((attribute) =>
      tsvValue(attribute === 'additional_image_link' ? joinedImageLinks(item.additional_image_link) : item[attribute]),
    ).join('\t') + '\n'
  );
}

function tsvValue(value: string): string {
  const flat = value.replace(/[\t\r\n]+/g, ' ');
  return flat.includes('"') ? `"${flat.replaceAll('"', '""')}"` : flat;
}

/** TSV holds additional images in one cell, comma-separated, with commas inside a URL encoded (Google's rule). */
function joinedImageLinks(links: readonly string[]): string {
  return links.map((link) => link.replaceAll(',', '%2C')).join(',');
}
