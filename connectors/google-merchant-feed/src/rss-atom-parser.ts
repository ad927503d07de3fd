import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ConnectorError } from '#connector-sdk';
import type { FeedFields, FeedRecord } from './feed-record.js';

export const GOOGLE_NAMESPACE = 'http://base.google.com/ns/1.0';
const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

/** Un-namespaced RSS/Atom elements used when an item has no `g:` value for the attribute. */
const PLAIN_FALLBACKS: Readonly<Record<string, string>> = {
  title: 'title',
  link: 'link',
  description: 'description',
  summary: 'summary',
  content: 'content',
};
const DESCRIPTION_FALLBACKS = ['description', 'summary', 'content'];
/** Elements whose value may be markup (Atom `type="xhtml"`): their descendants' text is kept. */
const MARKUP_ELEMENTS = new Set(['description', 'summary', 'content']);
/** A bound on one value's length, so a runaway element cannot exhaust memory; normalization truncates far below it. */
const MAX_VALUE_LENGTH = 100_000;

export type XmlFeedKind = 'rss' | 'atom';

interface OpenField {
  readonly key: string;
  readonly google: boolean;
  readonly keepsMarkup: boolean;
  text: string;
  nested: boolean;
}

interface OpenItem {
  readonly line: number;
  readonly google: Map<string, string[]>;
  readonly plain: Map<string, string[]>;
  field: OpenField | null;
}

/**
 * A push parser for Google product feeds in RSS 2.0 (`<rss><channel><item>`) and Atom 1.0
 * (`<feed><entry>`). Google attributes are matched by namespace URI, whatever their prefix.
 * Completed items collect in `take()`; broken XML throws a ConnectorError with the line.
 */
export class RssAtomParser {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly done: FeedRecord[] = [];
  private depth = 0;
  private itemDepth = -1;
  private item: OpenItem | null = null;
  private tagLine = 1;
  private rootKind: XmlFeedKind | null = null;

  constructor(private readonly expected: XmlFeedKind | 'auto') {
    this.parser.on('opentagstart', () => {
      this.tagLine = this.parser.line;
    });
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', () => this.close());
    this.parser.on('text', (text) => this.text(text));
    this.parser.on('cdata', (text) => this.text(text));
    this.parser.on('error', (error) => {
      const reason = error.message.replace(/^\d+:\d+: /, '');
      throw new ConnectorError(`The feed is not well-formed XML at line ${this.parser.line}: ${reason}`, 'format', {
        cause: error,
      });
    });
  }

  /** The feed's kind, once the root element has been read. */
  get kind(): XmlFeedKind | null {
    return this.rootKind;
  }

  write(text: string): void {
    this.parser.write(text);
  }

  /** Ends the document; throws when it is cut short (unclosed elements). */
  end(): void {
    this.parser.close();
    if (this.rootKind === null) throw new ConnectorError('The feed has no root element.', 'format');
  }

  /** The items completed since the last call. */
  take(): FeedRecord[] {
    return this.done.splice(0, this.done.length);
  }

  private open(tag: SaxesTagNS): void {
    const depth = this.depth++;
    if (depth === 0) {
      this.openRoot(tag);
      return;
    }
    const item = this.item;
    if (item === null) {
      if (depth === this.itemDepth && tag.local === (this.rootKind === 'rss' ? 'item' : 'entry') && isPlain(tag.uri)) {
        this.item = { line: this.tagLine, google: new Map(), plain: new Map(), field: null };
      }
      return;
    }
    if (depth === this.itemDepth + 1) {
      item.field = this.openField(tag, item);
    } else if (item.field) {
      item.field.nested = true;
    }
  }

  private openRoot(tag: SaxesTagNS): void {
    const kind: XmlFeedKind | null =
      tag.local === 'rss' && tag.uri === '' ? 'rss' : tag.local === 'feed' && isPlain(tag.uri) ? 'atom' : null;
    if (kind === null) {
      throw new ConnectorError(
        `The feed's root element is <${tag.name}>; a Google product feed is RSS 2.0 (<rss>) or Atom 1.0 (<feed>).`,
        'format',
      );
    }
    if (this.expected !== 'auto' && kind !== this.expected) {
      throw new ConnectorError(
        `The feed is ${kind === 'rss' ? 'RSS' : 'Atom'} ` +
          `but the connector is set to read ${this.expected === 'rss' ? 'RSS' : 'Atom'}; ` +
          `set format to "auto" or "${kind}".`,
        'format',
      );
    }
    this.rootKind = kind;
    this.itemDepth = kind === 'rss' ? 2 : 1;
  }

  private openField(tag: SaxesTagNS, item: OpenItem): OpenField | null {
    if (tag.uri === GOOGLE_NAMESPACE) {
      const key = tag.local.toLowerCase();
      return { key, google: true, keepsMarkup: MARKUP_ELEMENTS.has(key), text: '', nested: false };
    }
    const key = isPlain(tag.uri) ? PLAIN_FALLBACKS[tag.local] : undefined;
    if (key === undefined) return null;
    if (key === 'link' && this.rootKind === 'atom') {
      const href = tag.attributes.href?.value.trim();
      const rel = tag.attributes.rel?.value ?? 'alternate';
      if (href && rel === 'alternate') push(item.plain, 'link', href);
      return null;
    }
    return { key, google: false, keepsMarkup: MARKUP_ELEMENTS.has(key), text: '', nested: false };
  }

  private text(text: string): void {
    const field = this.item?.field;
    if (field && field.text.length < MAX_VALUE_LENGTH)
      field.text += text.slice(0, MAX_VALUE_LENGTH - field.text.length);
  }

  private close(): void {
    const depth = --this.depth;
    const item = this.item;
    if (item === null) return;
    if (depth === this.itemDepth) {
      this.done.push({ fields: mergeFields(item), line: item.line });
      this.item = null;
    } else if (depth === this.itemDepth + 1 && item.field) {
      const field = item.field;
      item.field = null;
      // An element with children (g:shipping, g:tax) is a structure, not a value: it is left out.
      if (field.nested && !field.keepsMarkup) return;
      const value = field.text.trim();
      if (value !== '') push(field.google ? item.google : item.plain, field.key, value);
    }
  }
}

/** Un-namespaced, or in the Atom namespace (Atom feeds declare it as the default namespace). */
function isPlain(uri: string): boolean {
  return uri === '' || uri === ATOM_NAMESPACE;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}

function mergeFields(item: OpenItem): FeedFields {
  const fields: FeedFields = {};
  const fallbackDescription = DESCRIPTION_FALLBACKS.map((key) => item.plain.get(key)).find(
    (values) => values !== undefined,
  );
  const fallbacks: [string, string[] | undefined][] = [
    ['title', item.plain.get('title')],
    ['link', item.plain.get('link')],
    ['description', fallbackDescription],
  ];
  for (const [key, values] of fallbacks) {
    if (values && !item.google.has(key)) fields[key] = values.length === 1 ? values[0] : values;
  }
  for (const [key, values] of item.google) fields[key] = values.length === 1 ? values[0] : values;
  return fields;
}

/** Parses a decoded RSS or Atom feed as a stream, yielding items as they complete. */
export async function* parseRssAtom(
  text: AsyncIterable<string>,
  expected: XmlFeedKind | 'auto',
): AsyncGenerator<FeedRecord> {
  const parser = new RssAtomParser(expected);
  for await (const chunk of text) {
    try {
      parser.write(chunk);
    } finally {
      // Items completed before a break in the XML are still delivered, then the error surfaces.
      yield* parser.take();
    }
  }
  try {
    parser.end();
  } finally {
    yield* parser.take();
  }
}
