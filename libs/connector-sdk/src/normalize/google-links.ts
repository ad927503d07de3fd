/** Google's link, image_link and additional_image_link: absolute http(s) URLs within OFFER_LIMITS.url. */
import { OFFER_LIMITS } from '#domain';
import type { GoogleFields } from './google-fields.js';
import { parseHttpUrl } from './http-url.js';
import { quoteValue, type ItemIssues } from './item-issues.js';
import { cleanIdentifier } from './plain-text.js';

function readUrl(text: string): { url: string } | { problem: string } {
  const url = parseHttpUrl(cleanIdentifier(text));
  if (url === null) return { problem: `${quoteValue(text)} is not an absolute http(s) URL` };
  if (url.length > OFFER_LIMITS.url)
    return { problem: `the URL is ${url.length} characters long (at most ${OFFER_LIMITS.url})` };
  return { url };
}

export function readLink(item: GoogleFields, issues: ItemIssues): string | null {
  const raw = item.one('link');
  if (raw === null) return issues.error('link', 'link is missing');
  const read = readUrl(raw);
  return 'url' in read ? read.url : issues.error('link', `link ${read.problem}`);
}

export function readImageLink(item: GoogleFields, issues: ItemIssues): string | null {
  const raw = item.one('image_link');
  if (raw === null) {
    issues.warning('image_link', 'image_link is missing; the offer has no picture');
    return null;
  }
  const read = readUrl(raw);
  if ('url' in read) return read.url;
  issues.warning('image_link', `image_link ${read.problem}; it was dropped`);
  return null;
}

// TSV feeds put all additional images in one cell, comma-separated (commas inside a URL written as
// %2C). Splitting only where a new URL starts also keeps unencoded commas inside URLs intact.
const IMAGE_LIST_SEPARATOR = /,(?=\s*https?:\/\/)/i;

export function readAdditionalImageLinks(item: GoogleFields, issues: ItemIssues): string[] {
  const field = 'additional_image_link';
  const entries = item
    .all(field)
    .flatMap((value) => value.split(IMAGE_LIST_SEPARATOR))
    .map((entry) => entry.replace(/^[\s,]+|[\s,]+$/g, ''))
    .filter((entry) => entry !== '');
  const urls: string[] = [];
  for (const entry of entries) {
    const read = readUrl(entry);
    if ('url' in read) urls.push(read.url);
    else issues.warning(field, `${field} ${read.problem}; it was dropped`);
  }
  if (urls.length > OFFER_LIMITS.additionalImages) {
    issues.warning(
      field,
      `${urls.length} additional images; only the first ${OFFER_LIMITS.additionalImages} were kept`,
    );
  }
  return urls.slice(0, OFFER_LIMITS.additionalImages);
}
