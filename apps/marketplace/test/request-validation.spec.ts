import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/support/test-app.js';

const fieldsOf = (response: TestResponse) =>
  (response.body.errors ?? []).map((error: { field: string }) => error.field);
const messageFor = (response: TestResponse, field: string) =>
  response.body.errors?.find((error: { field: string }) => error.field === field)?.message;
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Malformed requests get a 4xx problem naming what is wrong, never a 500. */
describe('request validation', () => {
  let t: TestApp;
  let retailer: { id: string; key: string };
  let channel: { id: string; key: string };
  let config: string;

  beforeAll(async () => {
    t = await startTestApp();
    const id = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Shop', slug: 'shop', defaultCurrency: 'EUR', contactEmail: 's@shop.example' },
      })
    ).body.id;
    retailer = {
      id,
      key: (await t.request('POST', '/v1/admin/api-keys', { body: { name: 'r', role: 'retailer', retailerId: id } }))
        .body.key,
    };
    const channelId = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Chat' } })).body.id;
    channel = {
      id: channelId,
      key: (await t.request('POST', '/v1/admin/api-keys', { body: { name: 'c', role: 'channel', channelId } })).body
        .key,
    };
    config = (
      await t.request('POST', '/v1/retailer/connector-configs', {
        key: retailer.key,
        body: { connectorId: 'csv-catalog', name: 'CSV', settings: {} },
      })
    ).body.id;
  });
  afterAll(() => t.close());

  describe('path parameters', () => {
    it('names the parameter that is not an id, not always "id"', async () => {
      const hidden = await t.request('PUT', `/v1/admin/channels/${channel.id}/hidden-retailers/not-an-id`);
      expect(hidden.status).toBe(400);
      expect(hidden.body.errors).toEqual([{ field: 'retailerId', message: 'must be a UUID' }]);
      const webhook = await t.request('POST', '/v1/connector-webhooks/not-an-id', { key: null, body: {} });
      expect(webhook.body.errors).toEqual([{ field: 'configId', message: 'must be a UUID' }]);
    });

    it('answers a path segment over 1000 characters with a 414 problem that does not quote the path', async () => {
      const response = await t.request('GET', `/v1/admin/retailers/secret-${'x'.repeat(1000)}`);
      expect(response.status).toBe(414);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        type: 'https://souk.dev/problems/uri-too-long',
        status: 414,
        detail: 'A path segment is longer than 1000 characters.',
      });
      expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
      expect(JSON.stringify(response.body)).not.toContain('secret-');
    });

    it('answers a path that is not valid percent-encoding with a 400 problem that does not quote it', async () => {
      const response = await t.request('GET', '/v1/admin/retailers/secret-%E0%A4%A');
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(response.body)).not.toContain('secret-');
    });
  });

  describe('catalog uploads', () => {
    it('answers an upload without a body with a 400 problem, not a failure', async () => {
      const response = await t.request('POST', `/v1/retailer/connector-configs/${config}/uploads`, {
        key: retailer.key,
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        type: 'https://souk.dev/problems/bad-request',
        detail: 'The request has no body: send the catalog file as the body.',
      });
      expect(
        (await t.sql.query('SELECT count(*)::int AS n FROM catalog_upload WHERE config_id = $1', [config])).rows[0].n,
      ).toBe(0);
    });
  });

  describe('JSON bodies', () => {
    it('says where malformed JSON breaks, by line and column, without quoting the body', async () => {
      const response = await t.request('POST', '/v1/admin/retailers', {
        body: '{\n  "name": "secret-name",\n  "slug": tru\n}',
      });
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('https://souk.dev/problems/bad-request');
      expect(response.body.detail).toMatch(/^The body is not valid JSON: .+ at line 3, column 1\d \(byte \d+\)\.$/);
      expect(JSON.stringify(response.body)).not.toContain('secret-name');
      const cut = await t.request('POST', '/v1/admin/retailers', { body: '{"name": "Shop"' });
      expect(cut.body.detail).toMatch(/ends too soon at line 1, column 16/);
    });

    it('refuses JSON nested deeper than 32 levels, naming where, before validation recurses into it', async () => {
      const deep = await t.request('POST', '/v1/admin/retailers', {
        body: '{"name":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}',
      });
      expect(deep.status).toBe(400);
      expect(deep.body.errors).toEqual([{ field: `name${'[0]'.repeat(31)}`, message: 'nests deeper than 32 levels' }]);
      const atTheLimit = await t.request('POST', '/v1/admin/retailers', {
        body: '{"name":' + '['.repeat(31) + ']'.repeat(31) + '}',
      });
      expect(atTheLimit.status).toBe(400);
      expect(messageFor(atTheLimit, 'name')).toBe('must be a string');
    });

    it('refuses NUL characters in strings and keys, naming the field', async () => {
      const response = await t.request('POST', '/v1/admin/retailers', {
        body: {
          name: 'Shop\u0000',
          slug: 'nul',
          defaultCurrency: 'EUR',
          contactEmail: 'n@shop.example',
          countries: ['NL', 'B\u0000E'],
        },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'name', message: 'must not contain the NUL character (U+0000)' },
        { field: 'countries[1]', message: 'must not contain the NUL character (U+0000)' },
      ]);
      const key = await t.request('POST', '/v1/admin/retailers', { body: '{"na\\u0000me":"x"}' });
      expect(key.status).toBe(400);
      expect(fieldsOf(key)).toEqual(['na\\u0000me']);
    });

    it('reads a body sent as another +json type as JSON, as documented', async () => {
      const response = await t.request('PATCH', `/v1/admin/retailers/${retailer.id}`, {
        body: { name: 'Merged' },
        headers: { 'content-type': 'application/merge-patch+json' },
      });
      expect(response.status).toBe(200);
      expect(response.body.name).toBe('Merged');
    });

    it('refuses __proto__ keys', async () => {
      const response = await t.request('POST', '/v1/admin/retailers', {
        body: '{"name":"Shop","__proto__":{"admin":true}}',
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: '__proto__', message: 'is not allowed' }]);
    });
  });

  describe('NUL characters outside bodies', () => {
    it('refuses NUL in a query string or a path parameter, naming the parameter', async () => {
      const query = await t.request('GET', '/v1/channel/search?q=mug%00', { key: channel.key });
      expect(query.status).toBe(400);
      expect(query.body.errors).toEqual([{ field: 'q', message: 'must not contain the NUL character (U+0000)' }]);
      const path = await t.request('GET', '/v1/channel/users/user%00/interests', { key: channel.key });
      expect(path.status).toBe(400);
      expect(path.body.errors).toEqual([{ field: 'userRef', message: 'must not contain the NUL character (U+0000)' }]);
    });
  });

  describe('null', () => {
    it('refuses null for optional fields that cannot be null, naming each', async () => {
      const configBody = {
        connectorId: 'csv-catalog',
        name: 'CSV',
        settings: {},
        enabled: null,
        allowEmptyCatalog: null,
      };
      const createdConfig = await t.request('POST', '/v1/retailer/connector-configs', {
        key: retailer.key,
        body: configBody,
      });
      expect(createdConfig.status).toBe(400);
      expect(createdConfig.body.errors).toEqual([
        { field: 'enabled', message: 'must not be null' },
        { field: 'allowEmptyCatalog', message: 'must not be null' },
      ]);
      const createdChannel = await t.request('POST', '/v1/admin/channels', {
        body: { name: 'Chat', locale: null, currency: null },
      });
      expect(createdChannel.body.errors).toEqual([
        { field: 'locale', message: 'must not be null' },
        { field: 'currency', message: 'must not be null' },
      ]);
      const createdRetailer = await t.request('POST', '/v1/admin/retailers', {
        body: {
          name: 'Shop',
          slug: 'null-countries',
          defaultCurrency: 'EUR',
          contactEmail: 'n@shop.example',
          countries: null,
        },
      });
      expect(createdRetailer.body.errors).toEqual([{ field: 'countries', message: 'must not be null' }]);
      const rule = await t.request('POST', '/v1/admin/commission/rules', {
        body: { name: 'Rule', rateBasisPoints: 100, priority: null },
      });
      expect(rule.body.errors).toEqual([{ field: 'priority', message: 'must not be null' }]);
    });

    it('refuses null in a change of a field that cannot be null, and takes it where null clears the field', async () => {
      const rule = (
        await t.request('POST', '/v1/admin/commission/rules', {
          body: { name: 'Rule', rateBasisPoints: 100, retailerId: retailer.id },
        })
      ).body;
      const priority = await t.request('PATCH', `/v1/admin/commission/rules/${rule.id}`, { body: { priority: null } });
      expect(priority.status).toBe(400);
      expect(priority.body.errors).toEqual([{ field: 'priority', message: 'must not be null' }]);
      const cleared = await t.request('PATCH', `/v1/admin/commission/rules/${rule.id}`, { body: { retailerId: null } });
      expect(cleared.status).toBe(200);
      expect(cleared.body.retailerId).toBeNull();
      const enabled = await t.request('PATCH', `/v1/retailer/connector-configs/${config}`, {
        key: retailer.key,
        body: { enabled: null },
      });
      expect(enabled.body.errors).toEqual([{ field: 'enabled', message: 'must not be null' }]);
    });
  });

  describe('nested objects', () => {
    it('refuses an array where an object belongs, and an array inside a list of objects, naming the field', async () => {
      const body = {
        userRef: 'u1',
        customer: [],
        shippingAddress: { name: 'A', line1: 'Damrak 1', postalCode: '1012 LG', city: 'Amsterdam', country: 'NL' },
        lines: [[]],
      };
      const response = await t.request('POST', '/v1/channel/orders', {
        key: channel.key,
        body,
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'customer', message: 'must be an object' },
        { field: 'lines', message: 'must hold objects' },
      ]);
    });
  });

  describe('numbers', () => {
    it('refuses integers beyond their column in bodies and query strings, naming them', async () => {
      const rule = await t.request('POST', '/v1/admin/commission/rules', {
        body: { name: 'Rule', rateBasisPoints: 100, categoryId: 1e308 },
      });
      expect(rule.status).toBe(400);
      expect(rule.body.errors).toEqual([
        { field: 'categoryId', message: 'must be an integer from -2147483648 to 2147483647' },
      ]);
      const maxPrice = await t.request('GET', '/v1/channel/search?maxPrice=99999999999999999999999', {
        key: channel.key,
      });
      expect(maxPrice.status).toBe(400);
      expect(maxPrice.body.errors).toEqual([
        { field: 'maxPrice', message: 'must be an integer from 0 to 9007199254740991' },
      ]);
      const category = await t.request('GET', '/v1/channel/search?category=99999999999', { key: channel.key });
      expect(category.status).toBe(400);
      expect(fieldsOf(category)).toEqual(['category']);
      expect((await t.request('GET', '/v1/channel/search?maxPrice=99999999999', { key: channel.key })).status).toBe(
        200,
      );
    });

    it('says that a quantity sent as text must be an integer, rather than naming its range', async () => {
      const response = await t.request('PUT', `/v1/channel/users/u1/cart/lines/${randomUUID()}`, {
        key: channel.key,
        body: { quantity: '2' },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'quantity', message: 'must be an integer' }]);
      const tooMany = await t.request('PUT', `/v1/channel/users/u1/cart/lines/${randomUUID()}`, {
        key: channel.key,
        body: { quantity: 1000 },
      });
      expect(tooMany.body.errors).toEqual([{ field: 'quantity', message: 'must not be greater than 999' }]);
    });
  });

  describe('cursors', () => {
    it('refuses a cursor with an id that is not a UUID, a bad time, or an id beyond bigint, naming the cursor', async () => {
      const notAUuid = base64url(['2026-01-01T00:00:00.000Z', 'not-a-uuid']);
      const badTime = base64url(['1', randomUUID()]);
      for (const cursor of [notAUuid, badTime]) {
        const response = await t.request('GET', `/v1/admin/retailers?cursor=${cursor}`);
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([
          { field: 'cursor', message: 'is not a cursor returned by this endpoint' },
        ]);
      }
      const auditBeyondBigint = await t.request(
        'GET',
        `/v1/admin/audit-log?cursor=${base64url(['2026-01-01T00:00:00.000Z', '99999999999999999999'])}`,
      );
      expect(auditBeyondBigint.status).toBe(400);
      expect(fieldsOf(auditBeyondBigint)).toEqual(['cursor']);
      const entries = await t.request(
        'GET',
        `/v1/admin/commission/statements/${retailer.id}/EUR/2026-01/entries?cursor=9999999999999999999`,
      );
      expect(entries.status).toBe(400);
      expect(fieldsOf(entries)).toEqual(['cursor']);
    });

    it('refuses a search cursor whose product id is not a UUID or whose words hold NUL', async () => {
      for (const cursor of [base64url([1, '-'.repeat(36), null]), base64url([1, randomUUID(), 'mug\u0000'])]) {
        const response = await t.request('GET', `/v1/channel/search?cursor=${cursor}`, { key: channel.key });
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([
          { field: 'cursor', message: 'is not a cursor returned by this endpoint' },
        ]);
      }
    });

    it('still pages with the cursors it returns, including the audit log with its numeric ids', async () => {
      const first = await t.request('GET', '/v1/admin/audit-log?limit=1');
      const second = await t.request('GET', `/v1/admin/audit-log?limit=1&cursor=${first.body.nextCursor}`);
      expect(second.status).toBe(200);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    });
  });

  describe('content types', () => {
    it('answers an upload sent as JSON with 415, naming the types it takes', async () => {
      const response = await t.request('POST', `/v1/retailer/connector-configs/${config}/uploads`, {
        key: retailer.key,
        body: { rows: [] },
      });
      expect(response.status).toBe(415);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.detail).toBe(
        'Send the body as one of text/csv, text/tab-separated-values, text/plain, application/xml, text/xml, application/rss+xml, application/atom+xml, application/octet-stream.',
      );
    });
  });
});
