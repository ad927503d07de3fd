import { FEED_ATTRIBUTES, type FeedItem } from './feed-item.js';

/** The start of the RSS 2.0 feed with the Google namespace, up to the first item. */
export function rssHead(title: string, link: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n' +
    `<channel>\n<title>${xmlText(title)}</title>\n<link>${xmlText(link)}</link>\n` +
    `<description>${xmlText(`Products of ${title}`)}</description>\n`
  );
}

/** One item: every attribute as a g: element, repeated for each additional image; empty ones left out. */
export function rssItem(item: FeedItem): string {
  const elements = FEED_ATTRIBUTES.flatMap((attribute) => {
    const values = attribute === 'additional_image_link' ? item.additional_image_link : [item[attribute]];
    return values.filter((value) => value !== '').map((value) => `<g:${attribute}>${xmlText(value)}</g:${attribute}>`);
  });
  return `<item>\n${elements.join('\n')}\n</item>\n`;
}

export function rssTail(): string {
  return '</channel>\n</rss>\n';
}

/**
 * Text escaped for XML, without the characters XML 1.0 cannot hold at all (offers keep none, but a feed must never
 * break).
 */
function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
