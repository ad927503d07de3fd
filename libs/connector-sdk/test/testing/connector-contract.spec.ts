import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { NormalizeResult } from '#domain';
import {
  ConnectorError,
  type CheckResult,
  type Connector,
  type ConnectorContext,
  type RawItem,
  type ReadPage,
} from '#connector-sdk';
import { describeConnectorContract } from '#connector-sdk/testing';

/** The smallest real connector: an uploaded file of JSON objects, one a line, two items a page. */
interface JsonLinesSettings {
  readonly currency: string;
  readonly pageSize: number;
}
type JsonLinesSecrets = Record<string, never>;
type JsonLinesCheckpoint = { readonly line: number };
type JsonLinesContext = ConnectorContext<JsonLinesSettings, JsonLinesSecrets>;

const settingsSchema = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'currency must be a three-letter ISO 4217 code such as "EUR"' }),
  pageSize: z.number().int().positive().default(2),
});

async function* jsonLines(upload: () => Readable, signal: AbortSignal): AsyncGenerator<RawItem> {
  const file = upload();
  const lines = createInterface({ input: file, crlfDelay: Infinity });
  try {
    let line = 0;
    for await (const text of lines) {
      signal.throwIfAborted();
      line += 1;
      if (text.trim() === '') continue;
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw new ConnectorError(`Line ${line} is not a JSON object: the file may be damaged.`, 'format');
      }
      const id = (data as { id?: unknown } | null)?.id;
      yield { ref: { line, ...(typeof id === 'string' && { id }) }, data };
    }
  } finally {
    lines.close();
    file.destroy();
  }
}

function requireUpload(upload: (() => Readable) | undefined): () => Readable {
  if (!upload) throw new ConnectorError('No file was uploaded.', 'settings');
  return upload;
}

const jsonLinesConnector: Connector<JsonLinesSettings, JsonLinesSecrets, JsonLinesCheckpoint> = {
  spec: {
    id: 'json-lines',
    name: 'JSON lines',
    description: 'An uploaded file with one JSON object a line.',
    settings: settingsSchema,
    secrets: z.object({}).strict() as z.ZodType<JsonLinesSecrets>,
    capabilities: ['catalog'],
    incremental: false,
    acceptsUpload: true,
  },

  async check(context, request): Promise<CheckResult> {
    try {
      for await (const _item of jsonLines(requireUpload(request?.upload), context.signal));
      return { ok: true };
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      return { ok: false, reason: error.reason === 'source' ? 'format' : error.reason, message: error.message };
    }
  },

  async *read(context, request) {
    let items: RawItem[] = [];
    for await (const item of jsonLines(requireUpload(request.upload), context.signal)) {
      items.push(item);
      if (items.length < context.settings.pageSize) continue;
      yield page(items);
      items = [];
    }
    if (items.length > 0) yield page(items);
  },

  map(item: RawItem, context: JsonLinesContext): NormalizeResult {
    const { id, title, price } = item.data as { id?: unknown; title?: unknown; price?: unknown };
    if (typeof id !== 'string' || typeof title !== 'string' || typeof price !== 'number') {
      return {
        offer: null,
        issues: [{ severity: 'error', field: null, message: 'needs a string id and title and a numeric price' }],
      };
    }
    return {
      offer: {
        retailerItemId: id,
        title,
        description: null,
        link: `https://shop.example/items/${id}`,
        imageLink: null,
        additionalImageLinks: [],
        availability: 'in_stock',
        availabilityDate: null,
        price: { amountMinor: Math.round(price * 100), currency: context.settings.currency },
        salePrice: null,
        saleStartsAt: null,
        saleEndsAt: null,
        brand: null,
        gtin: null,
        mpn: null,
        condition: 'new',
        categoryPath: [],
        googleProductCategory: null,
        itemGroupId: null,
        variantAttributes: {},
        stockQuantity: null,
        language: null,
      },
      issues: [],
    };
  },
};

function page(items: RawItem[]): ReadPage<JsonLinesCheckpoint> {
  return { items, checkpoint: { line: items.at(-1)?.ref.line ?? 0 } };
}

function uploadOf(text: string): () => Readable {
  return () => Readable.from([text]);
}

describeConnectorContract({
  connector: jsonLinesConnector,
  specId: 'json-lines',
  validSettings: { currency: 'EUR', pageSize: 2 },
  validSecrets: {},
  invalidSettings: { currency: 'euro' },
  goodSource: async () => ({
    upload: uploadOf(
      [
        '{"id":"a-1","title":"Tea pot","price":24.5}',
        '{"id":"a-2","title":"Tea cup","price":6}',
        '',
        '{"id":"a-3","title":"Saucer"}',
        '{"id":"a-4","title":"Kettle","price":39.99}',
        '{"id":"a-5","title":"Tray","price":12}',
      ].join('\n'),
    ),
  }),
  brokenSource: async () => ({ upload: uploadOf('{"id":"b-1","title":"Tea pot","price":24.5}\n{"id":"b-2",\n') }),
  expectedItemCount: 5,
});
