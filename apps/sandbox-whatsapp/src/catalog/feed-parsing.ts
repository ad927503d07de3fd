import { parse as parseTsv } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';

const GOOGLE_NAMESPACE = 'http://base.google.com/ns/1.0';

/** One item of a feed: attribute name (`id`, `title`, `price`, `image_link`...) to its first value. */
export type FeedAttributes = Record<string, string>;

/**
 * The items of a Meta/Google catalog feed: TSV with a header row (`g:` prefixes and spaces in
 * column names allowed) or XML, RSS 2.0 `<item>` or Atom `<entry>`, with Google attributes in the
 * `g:` namespace and plain `title`, `link`, `description` as fallbacks. Told apart by the first
 * character, as Meta's scheduled fetch accepts either at the same URL.
 */
export function parseFeed(text: string): FeedAttributes[] {
  const body = text.replace(/^\uFEFF/, '');
  return body.trimStart().startsWith('<') ? parseXmlFeed(body) : parseTsvFeed(body);
}

function parseTsvFeed(text: string): FeedAttributes[] {
  const rows = parseTsv(text, {
    delimiter: '\t',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
  }) as string[][];
  const [header, ...items] = rows;
  if (!header) return [];
  const columns = header.map((name) => name.trim().toLowerCase().replace(/^g:/, '').replace(/\s+/g, '_'));
  return items.map((cells) => {
    const item: FeedAttributes = {};
    cells.forEach((cell, index) => {
      const column = columns[index];
      if (column && cell.trim() !== '' && item[column] === undefined) item[column] = cell.trim();
    });
    return item;
  });
}

function parseXmlFeed(text: string): FeedAttributes[] {
  const items: FeedAttributes[] = [];
  const parser = new SaxesParser({ xmlns: true });
  let item: { google: FeedAttributes; plain: FeedAttributes } | null = null;
  let field: { key: string; google: boolean; text: string } | null = null;
  let depthInItem = 0;
  parser.on('opentag', (tag) => {
    if (item === null) {
      if ((tag.local === 'item' || tag.local === 'entry') && tag.uri !== GOOGLE_NAMESPACE) {
        item = { google: {}, plain: {} };
        depthInItem = 0;
      }
      return;
    }
    depthInItem++;
    if (depthInItem !== 1) return;
    field = { key: tag.local.toLowerCase(), google: tag.uri === GOOGLE_NAMESPACE, text: '' };
    // Atom links carry the address in href.
    const href = tag.attributes.href;
    if (tag.local === 'link' && href !== undefined && typeof href === 'object') field.text = href.value;
  });
  const addText = (chunk: string) => {
    if (field) field.text += chunk;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    if (item === null) return;
    if (depthInItem === 0) {
      items.push({ ...item.plain, ...item.google });
      item = null;
      return;
    }
    if (depthInItem === 1 && field) {
      const target = field.google ? item.google : item.plain;
      const value = field.text.trim();
      if (value !== '' && target[field.key] === undefined) target[field.key] = value;
      field = null;
    }
    depthInItem--;
  });
  parser.write(text).close();
  return items;
}
