import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createConnectorHttp, type ConnectorContext, type RawItem, type ReadPage } from '#connector-sdk';
import { csvCatalogConnector } from '../../src/index.js';
import { csvSecretsSchema, csvSettingsSchema, type CsvSecrets, type CsvSettings } from '../../src/settings.js';

export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
}

/** An upload that arrives in small pieces, so that characters, quotes and line breaks are split across chunks. */
export function upload(bytes: Buffer, pieceSize = 7): () => Readable {
  return () => {
    const pieces: Buffer[] = [];
    for (let index = 0; index < bytes.length; index += pieceSize) pieces.push(bytes.subarray(index, index + pieceSize));
    return Readable.from(pieces);
  };
}

export function csvContext(
  settings: Record<string, unknown> = {},
): ConnectorContext<CsvSettings, CsvSecrets> & { logs: { message: string; details?: Record<string, unknown> }[] } {
  const logs: { message: string; details?: Record<string, unknown> }[] = [];
  return {
    settings: csvSettingsSchema.parse(settings),
    secrets: csvSecretsSchema.parse(undefined),
    retailer: { id: '1b7a7f4e-55d3-4b65-9a62-7a3ce2b1f0aa', defaultCurrency: 'EUR' },
    http: createConnectorHttp({}),
    signal: new AbortController().signal,
    log: (message, details) => logs.push({ message, details }),
    logs,
  };
}

/** Reads an upload to its end: the pages, or the error with the pages yielded before it. */
export async function readUpload(
  bytes: Buffer,
  context = csvContext(),
): Promise<{ pages: ReadPage<null>[]; items: RawItem[]; error: unknown }> {
  const pages: ReadPage<null>[] = [];
  try {
    for await (const page of csvCatalogConnector.read(context, {
      mode: 'full',
      checkpoint: null,
      upload: upload(bytes),
    }))
      pages.push(page);
    return { pages, items: pages.flatMap((page) => page.items), error: undefined };
  } catch (error) {
    return { pages, items: pages.flatMap((page) => page.items), error };
  }
}
