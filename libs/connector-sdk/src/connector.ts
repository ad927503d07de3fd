import type { Readable } from 'node:stream';
import type { NormalizeResult } from '#domain';
import type { z } from 'zod';
import type { ConnectorContext } from './connector-context.js';
import type { ConnectorLiveCheck, ConnectorOrders } from './orders.js';
import type { ConnectorWebhooks } from './webhooks.js';

export type { ConnectorContext } from './connector-context.js';

/**
 * The contract every connector implements, after Airbyte's protocol: a spec (settings and secrets
 * schemas, capabilities), `check` (can we connect?), `read` (pages of raw items, resumable from a
 * checkpoint) and `map` (one raw item to a normalized offer, with per-item issues).
 */
export const CAPABILITIES = ['catalog', 'orders', 'webhooks', 'live-check'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface ConnectorSpec<S, K> {
  /** Stable id, used in connector configs: `google-merchant-feed`, `csv-catalog`, `shopify`. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Validated when a config is saved; shown to clients as JSON Schema. */
  readonly settings: z.ZodType<S>;
  /** Stored encrypted, never returned. */
  readonly secrets: z.ZodType<K>;
  readonly capabilities: readonly Capability[];
  /** True when `read` can do incremental syncs from a checkpoint. */
  readonly incremental: boolean;
  /** True when the catalog arrives as an uploaded file rather than fetched by the connector. */
  readonly acceptsUpload: boolean;
}

/** `not-allowed`: the marketplace's outbound policy refused the address (a loopback, private or other internal one). */
export type CheckFailure =
  'credentials' | 'permission' | 'unreachable' | 'not-found' | 'format' | 'settings' | 'not-allowed';
export type CheckResult =
  | { readonly ok: true; readonly message?: string }
  | { readonly ok: false; readonly reason: CheckFailure; readonly message: string };

export interface ReadRequest<C> {
  readonly mode: 'full' | 'incremental';
  /** The checkpoint of the last committed page of an earlier run; null for a fresh full read. */
  readonly checkpoint: C | null;
  /** The uploaded file, for connectors that accept uploads. */
  readonly upload?: () => Readable;
}

/** Where an item came from in the source, for the issue report. */
export interface ItemRef {
  /** The retailer's item id when the source shows one. */
  readonly id?: string;
  /** 1-based line (CSV/TSV row, or the XML line where the item starts). */
  readonly line?: number;
}

export interface RawItem {
  readonly ref: ItemRef;
  readonly data: unknown;
}

export interface ReadPage<C> {
  readonly items: readonly RawItem[];
  /** The state to resume after this page once its items are committed. */
  readonly checkpoint: C | null;
}

/** What a connector's `read` may end with instead of pages. */
export class NotModified {
  readonly kind = 'not-modified';
  constructor(readonly checkpoint: unknown) {}
}

/**
 * A connector's failure that explains itself to the retailer (bad credentials, broken file).
 * The run fails with this message; nothing of the catalog is removed.
 */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly reason: CheckFailure | 'source' = 'source',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ConnectorError';
  }
}

export interface Connector<S = unknown, K = unknown, C = unknown> {
  readonly spec: ConnectorSpec<S, K>;
  check(context: ConnectorContext<S, K>, request?: Pick<ReadRequest<C>, 'upload'>): Promise<CheckResult>;
  /**
   * Yields pages of raw items. Yields nothing and returns a NotModified when the source has not
   * changed since the checkpoint (conditional fetch). Throws ConnectorError for a broken source.
   */
  read(context: ConnectorContext<S, K>, request: ReadRequest<C>): AsyncGenerator<ReadPage<C>, NotModified | void>;
  map(item: RawItem, context: ConnectorContext<S, K>): NormalizeResult;
  /** Present when the spec lists the `orders` capability. */
  readonly orders?: ConnectorOrders<S, K>;
  /** Present when the spec lists the `live-check` capability. */
  readonly liveCheck?: ConnectorLiveCheck<S, K>;
  /** Present when the spec lists the `webhooks` capability. */
  readonly webhooks?: ConnectorWebhooks<S, K>;
}
