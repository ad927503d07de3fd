import { readFile } from 'node:fs/promises';
import { createSoukClient, isSoukProblem, problemOf, type SearchResult } from '#client';
import {
  CLIENT_DOCUMENT_PATH,
  CLIENT_TYPES_PATH,
  clientTypes,
  openApiJson,
} from '../src/client-generation/client-files.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('the typed client (libs/client)', () => {
  let t: TestApp;
  let channel: { id: string; key: string };
  beforeAll(async () => {
    t = await startTestApp();
    const id = (await t.request('POST', '/v1/admin/channels', { body: { name: 'Client test' } })).body.id;
    channel = {
      id,
      key: (await t.request('POST', '/v1/admin/api-keys', { body: { name: 'client', role: 'channel', channelId: id } }))
        .body.key,
    };
  });
  afterAll(() => t.close());

  it('is generated from the OpenAPI document the current app serves (run `npm run client:generate` when this fails)', async () => {
    const served = (await t.request('GET', '/docs/openapi.json', { key: null })).body;
    expect(await readFile(CLIENT_DOCUMENT_PATH, 'utf8')).toBe(openApiJson(served));
    expect(await readFile(CLIENT_TYPES_PATH, 'utf8')).toBe(await clientTypes(served));
  });

  it('calls the channel API with the channel key, typed, and gives problems as errors', async () => {
    const client = createSoukClient({ baseUrl: `${t.baseUrl}/`, apiKey: channel.key });
    const me = await client.GET('/v1/channel/me');
    expect(me.response.status).toBe(200);
    expect(me.data?.id).toBe(channel.id);
    const search = await client.GET('/v1/channel/search', { params: { query: { q: 'nothing here', limit: 5 } } });
    const result: SearchResult | undefined = search.data;
    expect(result).toMatchObject({ total: 0, items: [] });
    const missing = await client.GET('/v1/channel/products/{id}', {
      params: { path: { id: '5f0c6f0e-2d1b-4a57-9b55-3e4a0f0b9b11' } },
    });
    expect(missing.response.status).toBe(404);
    expect(isSoukProblem(problemOf(missing), 'not-found')).toBe(true);
    const bad = await client.PUT('/v1/channel/users/{userRef}/cart/lines/{offerId}', {
      params: { path: { userRef: 'wa:1', offerId: 'not-an-id' } },
      body: { quantity: 1 },
    });
    expect(problemOf(bad)).toMatchObject({
      type: 'https://souk.dev/problems/validation',
      errors: [{ field: 'offerId' }],
    });
  });

  it('sends the key and headers given, through the fetch given', async () => {
    const seen: Request[] = [];
    const client = createSoukClient({
      baseUrl: t.baseUrl,
      apiKey: 'souk_ch_not-a-key',
      headers: { 'x-request-id': 'client-test-1' },
      fetch: (request) => (seen.push(request), fetch(request)),
    });
    const answer = await client.GET('/v1/channel/me');
    expect(answer.response.status).toBe(401);
    expect(problemOf(answer)).toMatchObject({
      type: 'https://souk.dev/problems/unauthorized',
      requestId: 'client-test-1',
    });
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer souk_ch_not-a-key');
  });
});
