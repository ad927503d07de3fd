import {
  ConnectorError,
  decodeHead,
  decodeText,
  inPages,
  languageSetting,
  parseDelimited,
  peekBytes,
  ROW_ERROR,
  columnCountMessage,
  rowErrorResult,
  toUnixLineEndings,
  type RawItem,
} from '#connector-sdk';

async function* from<T>(values: readonly T[]): AsyncGenerator<T> {
  yield* values;
}

async function collect<T>(values: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const value of values) collected.push(value);
  return collected;
}

function item(id: string): RawItem {
  return { ref: { id }, data: { id } } as RawItem;
}

describe('toUnixLineEndings', () => {
  it('turns CRLF into LF, also when a chunk ends between the CR and the LF', async () => {
    expect((await collect(toUnixLineEndings(from(['a\r', '\nb\r\n', 'c\r'])))).join('')).toBe('a\nb\nc\r');
  });
});

describe('parseDelimited', () => {
  it('gives each record the line where it starts, quoted line breaks included', async () => {
    const rows = await collect(parseDelimited(from(['id,text\r\n1,"two\r\n', 'lines"\r\n2,x\r\n']), ',', 'The file'));
    expect(rows).toEqual([
      { cells: ['id', 'text'], line: 1 },
      { cells: ['1', 'two\nlines'], line: 2 },
      { cells: ['2', 'x'], line: 4 },
    ]);
  });

  it('delivers the rows before an unclosed quote, then a format error naming the file', async () => {
    const rows: unknown[] = [];
    const error = await (async () => {
      for await (const row of parseDelimited(from(['id\n1\n"open\n']), ',', 'The file')) rows.push(row);
    })().catch((caught: unknown) => caught);
    expect(rows).toHaveLength(2);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).message).toMatch(/^The file cannot be read: the row after line 2 never ends/);
  });
});

describe('inPages', () => {
  it('gives only the last page the new checkpoint, and yields it even when empty', async () => {
    const pages = await collect(inPages(from([item('a'), item('b'), item('c')]), 'old', () => 'new', 2));
    expect(pages.map((page) => [page.items.length, page.checkpoint])).toEqual([
      [2, 'old'],
      [1, 'new'],
    ]);
    expect(await collect(inPages(from([]), 'old', () => 'new'))).toEqual([{ items: [], checkpoint: 'new' }]);
  });

  it('yields the items read before a ConnectorError with the previous checkpoint', async () => {
    async function* broken(): AsyncGenerator<RawItem> {
      yield item('a');
      throw new ConnectorError('broken', 'format');
    }
    const pages: unknown[] = [];
    await expect(
      (async () => {
        for await (const page of inPages(broken(), 'old', () => 'new')) pages.push(page);
      })(),
    ).rejects.toThrow('broken');
    expect(pages).toEqual([{ items: [item('a')], checkpoint: 'old' }]);
  });
});

describe('peekBytes', () => {
  it('reads at least the bytes asked for and still yields every byte', async () => {
    const peeked = await peekBytes(from([Buffer.from('ab'), Buffer.from('cd'), Buffer.from('ef')]), 3);
    expect(peeked.head.toString()).toBe('abcd');
    expect(Buffer.concat(await collect(peeked.chunks)).toString()).toBe('abcdef');
  });

  it('ends the source when closed early', async () => {
    let ended = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) yield Buffer.from('x');
      } finally {
        ended = true;
      }
    }
    const peeked = await peekBytes(source(), 2);
    await peeked.close();
    expect(ended).toBe(true);
  });
});

describe('text decoding', () => {
  it('keeps a character split across chunks whole and drops a BOM', async () => {
    const bytes = Buffer.from('\uFEFFcafé', 'utf8');
    expect((await collect(decodeText(from([bytes.subarray(0, 7), bytes.subarray(7)]), 'utf-8'))).join('')).toBe('café');
  });

  it('decodes a head without a half character at its end', () => {
    expect(decodeHead(Buffer.from('café', 'utf8').subarray(0, 4), 'utf-8')).toBe('caf');
  });
});

describe('row errors', () => {
  it('turns a marked row into an item-level error and leaves other rows alone', () => {
    expect(rowErrorResult({ id: '1', [ROW_ERROR]: columnCountMessage(3, 2) })).toEqual({
      offer: null,
      issues: [{ severity: 'error', field: null, message: 'row has 3 columns, the header has 2' }],
    });
    expect(rowErrorResult({ id: '1' })).toBeNull();
    expect(rowErrorResult(null)).toBeNull();
  });
});

describe('languageSetting', () => {
  it('accepts a two-letter code, trimmed and lower-cased, and rejects anything else', () => {
    expect(languageSetting.parse(' FR ')).toBe('fr');
    expect(languageSetting.safeParse('fra').error?.issues[0].message).toBe(
      'language must be a two-letter ISO 639-1 code such as "en" or "fr"',
    );
    expect(languageSetting.safeParse(1).error?.issues[0].message).toBe('language must be a string');
  });
});
