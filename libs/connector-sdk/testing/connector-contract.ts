import type { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import {
  ConnectorError,
  createConnectorHttp,
  type CheckFailure,
  type Connector,
  type ConnectorContext,
  type OutboundPolicy,
  type RawItem,
  type ReadPage,
} from '#connector-sdk';

/** Where a read gets its catalog: an uploaded file, or settings pointing at a URL the test serves. */
export interface ContractSource<S> {
  /** Replaces validSettings for this source, e.g. a URL that serves a broken feed. */
  readonly settings?: S;
  readonly upload?: () => Readable;
}

/**
 * What a connector's test hands the contract kit. Values are read when the tests run, so getters
 * may return what the test file's beforeAll prepared (a local server's URL, say).
 */
export interface ConnectorContractFixture<S, K, C> {
  readonly connector: Connector<S, K, C>;
  /** The id connector configs store. Pinned here so that renaming it breaks this test, not their configs. */
  readonly specId: string;
  readonly validSettings: S;
  readonly validSecrets: K;
  /** A value the settings schema must reject. */
  readonly invalidSettings: unknown;
  /**
   * The outbound policy of the kit's default context. A connector tested against a local sandbox
   * passes one that allows it (see loopback-sandboxes.ts): the default refuses loopback.
   */
  readonly outbound?: OutboundPolicy;
  /** By default the kit builds a context with createConnectorHttp and a EUR retailer. Use `signal`. */
  context?(settings: S, secrets: K, signal: AbortSignal): ConnectorContext<S, K>;
  goodSource(): Promise<ContractSource<S> | void>;
  brokenSource(): Promise<ContractSource<S> | void>;
  /** Items (good and bad) a full read of the good source yields. */
  readonly expectedItemCount: number;
}

const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CHECK_FAILURES = Object.keys({
  credentials: 0,
  permission: 0,
  unreachable: 0,
  'not-found': 0,
  format: 0,
  settings: 0,
  'not-allowed': 0,
} satisfies Record<CheckFailure, 0>);
const UNKNOWN_SETTING = 'notASettingOfAnyConnector';

/** Registers the tests every connector must pass. Call it at the top level of a connector's spec file. */
export function describeConnectorContract<S, K, C>(fixture: ConnectorContractFixture<S, K, C>): void {
  const { connector } = fixture;

  function contextFor(source: ContractSource<S> | void, signal = new AbortController().signal): ConnectorContext<S, K> {
    // As saved in a config: parsed, so defaults and transforms apply.
    const settings = connector.spec.settings.parse(source?.settings ?? fixture.validSettings);
    const secrets = connector.spec.secrets.parse(fixture.validSecrets);
    if (fixture.context) return fixture.context(settings, secrets, signal);
    const http = createConnectorHttp({
      signal,
      maxRetries: 1,
      baseDelayMs: 10,
      requestsPerSecond: 50,
      ...(fixture.outbound ? { outbound: fixture.outbound } : {}),
    });
    return {
      settings,
      secrets,
      retailer: { id: 'contract-retailer', defaultCurrency: 'EUR' },
      http,
      signal,
      log: () => undefined,
    };
  }

  function read(
    source: ContractSource<S> | void,
    context = contextFor(source),
  ): ReturnType<Connector<S, K, C>['read']> {
    return connector.read(context, { mode: 'full', checkpoint: null, upload: source?.upload });
  }

  async function readPages(source: ContractSource<S> | void): Promise<ReadPage<C>[]> {
    const pages: ReadPage<C>[] = [];
    for await (const page of read(source)) pages.push(page);
    return pages;
  }

  describe(`connector contract: ${fixture.specId}`, () => {
    it('has a kebab-case spec id, the one connector configs store', () => {
      expect(connector.spec.id).toMatch(KEBAB_CASE);
      expect(connector.spec.id).toBe(fixture.specId);
    });

    it('lists the orders, live-check and webhooks capabilities exactly when it implements them', () => {
      expect(connector.spec.capabilities.includes('orders')).toBe(connector.orders !== undefined);
      expect(connector.spec.capabilities.includes('live-check')).toBe(connector.liveCheck !== undefined);
      expect(connector.spec.capabilities.includes('webhooks')).toBe(connector.webhooks !== undefined);
    });

    it('accepts the valid settings and secrets', () => {
      expect(connector.spec.settings.safeParse(fixture.validSettings).error).toBeUndefined();
      expect(connector.spec.secrets.safeParse(fixture.validSecrets).error).toBeUndefined();
    });

    it('rejects the invalid settings with a message naming the field', () => {
      const result = connector.spec.settings.safeParse(fixture.invalidSettings);

      expect(result.success).toBe(false);
      const fieldErrors = (result.error?.issues ?? []).filter(
        (issue) => issue.path.length > 0 && issue.message.trim() !== '',
      );
      expect(fieldErrors).not.toHaveLength(0);
    });

    it('rejects a settings key it does not know, naming it, instead of dropping it', () => {
      const result = connector.spec.settings.safeParse({
        ...(fixture.validSettings as object),
        [UNKNOWN_SETTING]: 'x',
      });

      expect(result.success).toBe(false);
      const named = (result.error?.issues ?? []).some(
        (issue) => issue.code === 'unrecognized_keys' && issue.keys.includes(UNKNOWN_SETTING),
      );
      expect(named).toBe(true);
    });

    it('checks the good source as ok', async () => {
      const source = await fixture.goodSource();

      expect(await connector.check(contextFor(source), { upload: source?.upload })).toMatchObject({ ok: true });
    });

    it('checks the broken source as not ok, with a reason and a message', async () => {
      const source = await fixture.brokenSource();

      const result = await connector.check(contextFor(source), { upload: source?.upload });

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(CHECK_FAILURES).toContain(result.reason);
      expect(result.message.trim()).not.toBe('');
    });

    it('reads the good source in full: expectedItemCount items, each with a ref', async () => {
      const items = (await readPages(await fixture.goodSource())).flatMap((page) => page.items);

      expect(items).toHaveLength(fixture.expectedItemCount);
      expect(items.filter((item) => !hasRef(item))).toEqual([]);
    });

    it('gives only checkpoints that survive a JSON round trip', async () => {
      const pages = await readPages(await fixture.goodSource());

      for (const { checkpoint } of pages) {
        expect(checkpoint).not.toBeUndefined();
        expect(JSON.parse(JSON.stringify(checkpoint))).toStrictEqual(checkpoint);
      }
    });

    it('maps every item to either an offer or error issues, never both, never throwing', async () => {
      const source = await fixture.goodSource();
      const context = contextFor(source);
      const items = (await readPages(source)).flatMap((page) => page.items);

      const inconsistent = items.filter((item) => {
        const result = connector.map(item, context);
        return (result.offer === null) !== result.issues.some((issue) => issue.severity === 'error');
      });

      expect(inconsistent.map((item) => item.ref)).toEqual([]);
    });

    const brokenSourceTitle =
      'reads the broken source into a ConnectorError or into items that map reports as errors, nothing else';
    it(brokenSourceTitle, async () => {
      const source = await fixture.brokenSource();
      const context = contextFor(source);
      const items: RawItem[] = [];
      let thrown: unknown;
      try {
        for await (const page of read(source, context)) items.push(...page.items);
      } catch (error) {
        thrown = error;
      }

      if (thrown !== undefined) {
        expect(thrown).toBeInstanceOf(ConnectorError);
        return;
      }
      expect(items.filter((item) => connector.map(item, context).offer === null)).not.toHaveLength(0);
    });

    it("throws the signal's reason, yielding nothing, when its signal is already aborted", async () => {
      const source = await fixture.goodSource();
      const controller = new AbortController();
      controller.abort();
      let pages = 0;

      const reading = (async () => {
        for await (const _page of read(source, contextFor(source, controller.signal))) pages += 1;
      })();

      await expect(reading).rejects.toBe(controller.signal.reason);
      expect(pages).toBe(0);
    });

    it('yields no further page once its signal aborts mid-read', async () => {
      const source = await fixture.goodSource();
      const controller = new AbortController();
      const pages = read(source, contextFor(source, controller.signal));
      await pages.next();

      controller.abort();

      const next = await pages.next().catch((error: unknown) => ({ error }));
      await pages.return(undefined);
      expect('error' in next || next.done).toBe(true);
    });
  });
}

/** A ref that can point the retailer at the item: its id, or its line in the file. */
function hasRef(item: RawItem): boolean {
  const { id, line } = item.ref ?? {};
  return (typeof id === 'string' && id !== '') || (Number.isInteger(line) && (line ?? 0) > 0);
}
